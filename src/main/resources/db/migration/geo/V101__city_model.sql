-- The city model: administrative divisions, unit grids (单元网格), duty grids (责任网格).
-- Boundaries are stored as WKT in WGS 84 (lon lat); the in-memory index does the spatial work.
CREATE TABLE divisions (
    code           varchar(12)  NOT NULL,
    name           varchar(200) NOT NULL,
    division_level varchar(16)  NOT NULL,
    parent_code    varchar(12),
    boundary       text         NOT NULL,
    active         boolean      NOT NULL DEFAULT TRUE,
    updated_at     timestamp with time zone NOT NULL,
    CONSTRAINT pk_divisions PRIMARY KEY (code),
    CONSTRAINT ck_divisions_level CHECK (division_level IN ('CITY', 'DISTRICT', 'STREET', 'COMMUNITY')),
    CONSTRAINT fk_divisions_parent FOREIGN KEY (parent_code) REFERENCES divisions (code)
);
CREATE INDEX ix_divisions_parent ON divisions (parent_code);
CREATE INDEX ix_divisions_level ON divisions (division_level, code);

CREATE TABLE unit_grids (
    code           varchar(16)  NOT NULL,
    name           varchar(200) NOT NULL,
    community_code varchar(12)  NOT NULL,
    boundary       text         NOT NULL,
    area_m2        double precision NOT NULL,
    active         boolean      NOT NULL DEFAULT TRUE,
    updated_at     timestamp with time zone NOT NULL,
    CONSTRAINT pk_unit_grids PRIMARY KEY (code),
    CONSTRAINT fk_unit_grids_community FOREIGN KEY (community_code) REFERENCES divisions (code)
);
CREATE INDEX ix_unit_grids_community ON unit_grids (community_code, code);

CREATE TABLE duty_grids (
    code        varchar(16)  NOT NULL,
    name        varchar(200) NOT NULL,
    street_code varchar(12)  NOT NULL,
    inspector   varchar(100),
    boundary    text,
    active      boolean      NOT NULL DEFAULT TRUE,
    updated_at  timestamp with time zone NOT NULL,
    CONSTRAINT pk_duty_grids PRIMARY KEY (code),
    CONSTRAINT fk_duty_grids_street FOREIGN KEY (street_code) REFERENCES divisions (code)
);
CREATE INDEX ix_duty_grids_street ON duty_grids (street_code, code);

-- Membership is deactivated, not deleted, when a re-import drops a unit grid from a duty grid.
CREATE TABLE duty_grid_members (
    duty_grid_code varchar(16) NOT NULL,
    grid_code      varchar(16) NOT NULL,
    active         boolean     NOT NULL DEFAULT TRUE,
    CONSTRAINT pk_duty_grid_members PRIMARY KEY (duty_grid_code, grid_code),
    CONSTRAINT fk_duty_grid_members_duty FOREIGN KEY (duty_grid_code) REFERENCES duty_grids (code),
    CONSTRAINT fk_duty_grid_members_grid FOREIGN KEY (grid_code) REFERENCES unit_grids (code)
);
CREATE INDEX ix_duty_grid_members_grid ON duty_grid_members (grid_code);

-- One row counting committed imports: every import locks and increments it, which serialises
-- concurrent imports and tells every node's lookup index when to rebuild.
CREATE TABLE geo_revision (
    id       integer NOT NULL,
    revision bigint  NOT NULL,
    CONSTRAINT pk_geo_revision PRIMARY KEY (id),
    CONSTRAINT ck_geo_revision_single CHECK (id = 1)
);
INSERT INTO geo_revision (id, revision) VALUES (1, 0);
