-- Two products; the quotes and the dollar sign must reach the database as written.
insert into product (id, name, price_cents) values (1, 'Widget "deluxe"', 1999);
insert into product (id, name, price_cents) values (2, 'Gadget $(HOME) {{ .Values }}', 2999);
