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
