-- 12345 hotline work orders (工单, GB/T 33358). Never deleted: a work order ends answered or called back.
CREATE SEQUENCE hotline_work_order_id_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE hotline_work_order (
    id               bigint NOT NULL,
    order_no         varchar(32) NOT NULL,
    status           varchar(16) NOT NULL,
    caller_name      varchar(100),
    caller_phone     varchar(32) NOT NULL,
    address          varchar(500),
    content          varchar(4000) NOT NULL,
    request_type     varchar(16) NOT NULL,
    channel          varchar(16) NOT NULL,
    operator         varchar(64) NOT NULL,
    operator_role    varchar(32) NOT NULL,
    received_at      timestamp(6) with time zone NOT NULL,
    answer           varchar(4000),
    answered_by      varchar(64),
    answered_at      timestamp(6) with time zone,
    case_id          bigint,
    case_no          varchar(32),
    transferred_by   varchar(64),
    transferred_at   timestamp(6) with time zone,
    case_closed_at   timestamp(6) with time zone,
    satisfaction     varchar(24),
    resolved         boolean,
    callback_comment varchar(2000),
    called_back_by   varchar(64),
    called_back_at   timestamp(6) with time zone,
    CONSTRAINT hotline_work_order_pk PRIMARY KEY (id),
    CONSTRAINT hotline_work_order_no_uk UNIQUE (order_no),
    CONSTRAINT hotline_work_order_status_ck
        CHECK (status IN ('RECEIVED', 'ANSWERED', 'TRANSFERRED', 'CALLBACK_DUE', 'CALLED_BACK')),
    CONSTRAINT hotline_work_order_satisfaction_ck
        CHECK (satisfaction IS NULL OR satisfaction IN ('SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED'))
);
CREATE INDEX hotline_work_order_status_idx ON hotline_work_order (status, id);
CREATE INDEX hotline_work_order_received_idx ON hotline_work_order (received_at);
CREATE INDEX hotline_work_order_case_idx ON hotline_work_order (case_id);
