SET lock_timeout = '5s';

ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id); -- expect: add-constraint-without-not-valid
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0); -- expect: add-constraint-without-not-valid
ALTER TABLE orders ADD PRIMARY KEY (id); -- expect: add-unique-or-primary-key-without-index
ALTER TABLE orders ADD CONSTRAINT orders_ref_key UNIQUE (reference); -- expect: add-unique-or-primary-key-without-index

-- safe: NOT VALID then VALIDATE, and keys over an index built concurrently beforehand
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;
ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_id_idx;
ALTER TABLE orders ADD CONSTRAINT orders_ref_key UNIQUE USING INDEX orders_ref_idx;
