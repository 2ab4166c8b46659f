-- Every inbound webhook delivery runbot has acted on, so a redelivery (same id) does nothing twice.
CREATE TABLE inbound_delivery (
    source       VARCHAR(16)  NOT NULL,
    delivery_id  VARCHAR(128) NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT inbound_delivery_key PRIMARY KEY (source, delivery_id)
);

CREATE INDEX inbound_delivery_received ON inbound_delivery (received_at);
