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
-- an existing table still needs care
CREATE INDEX orders_carrier_idx ON orders (carrier); -- expect: create-index-not-concurrently
