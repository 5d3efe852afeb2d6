-- keywords are case-insensitive
set local lock_timeout to '5s';
alter table orders add column shipped boolean not null; -- expect: add-column-not-null-without-default
alter table orders add column token uuid default gen_random_uuid(); -- expect: add-column-volatile-default
alter table orders add column seq bigint generated always as identity; -- expect: add-column-volatile-default
alter table orders add constraint fk foreign key (customer_id) references customers (id) not valid;
alter table orders validate constraint fk;
alter table orders add constraint uq unique using index orders_ref_idx;
alter table orders alter column total set data type bigint; -- expect: alter-column-type
create index concurrently if not exists orders_status_idx on orders (status);
vacuum (analyze, full) orders; -- expect: vacuum-full
reindex index concurrently orders_status_idx;
delete from sessions; -- expect: delete-without-where
