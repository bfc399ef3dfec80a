-- Photos uploaded with inspector reports, stored on disk and referenced from the case as attachment:<id>.
CREATE TABLE intake_attachment (
    id             uuid NOT NULL,
    case_id        bigint NOT NULL,
    purpose        varchar(16) NOT NULL,
    content_type   varchar(64) NOT NULL,
    size_bytes     bigint NOT NULL,
    sha256         varchar(64) NOT NULL,
    original_name  varchar(255),
    stored_path    varchar(500) NOT NULL,
    uploaded_by    varchar(64) NOT NULL,
    uploaded_at    timestamp(6) with time zone NOT NULL,
    active         boolean NOT NULL,
    CONSTRAINT intake_attachment_pk PRIMARY KEY (id),
    CONSTRAINT intake_attachment_purpose_ck CHECK (purpose IN ('PHOTO', 'BEFORE', 'AFTER'))
);
CREATE INDEX intake_attachment_case_idx ON intake_attachment (case_id);
