-- Raised by every catalog import in its transaction, so that nodes sharing the database notice an
-- import made on another node and reload their in-memory catalog (InMemoryCategoryCatalog).
create table catalog_revision (
    id       integer not null,
    revision bigint  not null,
    constraint pk_catalog_revision primary key (id),
    constraint ck_catalog_revision_single check (id = 1)
);
insert into catalog_revision (id, revision) values (1, 0);
