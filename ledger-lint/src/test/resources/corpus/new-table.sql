-- A table created in the same script is empty and unused: locks and rewrites on it cost nothing.
CREATE TABLE shipments (
    id bigint GENERATED ALWAYS AS IDENTITY,
    order_id bigint NOT NULL,
    carrier text
);
CREATE INDEX shipments_order_idx ON shipments (order_id);
ALTER TABLE shipments ADD CONSTRAINT shipments_pkey PRIMARY KEY (id);
ALTER TABLE shipments ADD CONSTRAINT shipments_order_fk FOREIGN KEY (order_id) REFERENCES orders (id);
ALTER TABLE shipments ADD COLUMN tracking text NOT NULL;
INSERT INTO shipments (order_id) SELECT id FROM orders WHERE id BETWEEN 1 AND 1000;
UPDATE shipments SET carrier = 'dhl';
DELETE FROM shipments WHERE carrier IS NULL;
-- an existing table still needs care
CREATE INDEX orders_carrier_idx ON orders (carrier); -- expect: create-index-not-concurrently
UPDATE orders SET carrier = 'dhl'; -- expect: update-without-where

-- only the very table: another schema's, or an unqualified name against a qualified one, may hold data
CREATE TABLE audit.invoices (id int);
CREATE INDEX invoices_id_idx ON public.invoices (id); -- expect: create-index-not-concurrently
ALTER TABLE public.invoices ADD COLUMN y int NOT NULL; -- expect: add-column-not-null-without-default, missing-lock-timeout
CREATE INDEX invoices_audit_idx ON invoices (id); -- expect: create-index-not-concurrently
CREATE INDEX invoices_same_idx ON AUDIT.Invoices (id);
CREATE TABLE "Parcels" (id int);
CREATE INDEX parcels_id_idx ON parcels (id); -- expect: create-index-not-concurrently
CREATE INDEX parcels_quoted_idx ON "Parcels" (id);
-- IF NOT EXISTS may find the table already there, with rows
CREATE TABLE IF NOT EXISTS refunds (id int);
CREATE INDEX refunds_id_idx ON refunds (id); -- expect: create-index-not-concurrently
