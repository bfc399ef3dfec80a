-- Category catalog (GB/T 30428.2): main classes (大类) and subclasses (小类) of components (部件)
-- and events (事件). Codes carry a kind prefix (C/E) because the standard numbers component and
-- event main classes independently (component 01 公用设施, event 01 市容环境).
-- Nothing is deleted: an entry leaves use through active = false.
create table catalog_main_class (
    code       varchar(3) not null,
    kind       varchar(16) not null,
    name       text not null,
    active     boolean not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint pk_catalog_main_class primary key (code),
    constraint ck_catalog_main_class_kind check (kind in ('COMPONENT', 'EVENT'))
);

-- Handling limits per urgency (一般/紧急/特急); NORMAL is required, the others fall back to it.
create table catalog_subclass (
    code               varchar(5) not null,
    kind               varchar(16) not null,
    main_class_code    varchar(3) not null,
    name               text not null,
    register_condition text not null,
    close_condition    text not null,
    normal_amount      integer not null,
    normal_unit        varchar(16) not null,
    urgent_amount      integer,
    urgent_unit        varchar(16),
    critical_amount    integer,
    critical_unit      varchar(16),
    active             boolean not null,
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null,
    constraint pk_catalog_subclass primary key (code),
    constraint fk_catalog_subclass_main_class foreign key (main_class_code) references catalog_main_class (code),
    constraint ck_catalog_subclass_kind check (kind in ('COMPONENT', 'EVENT')),
    constraint ck_catalog_subclass_normal check (normal_amount > 0
        and normal_unit in ('WORKING_HOURS', 'WORKING_DAYS', 'CALENDAR_HOURS')),
    constraint ck_catalog_subclass_urgent check ((urgent_amount is null and urgent_unit is null) or (urgent_amount > 0
        and urgent_unit in ('WORKING_HOURS', 'WORKING_DAYS', 'CALENDAR_HOURS'))),
    constraint ck_catalog_subclass_critical check ((critical_amount is null and critical_unit is null) or (critical_amount > 0
        and critical_unit in ('WORKING_HOURS', 'WORKING_DAYS', 'CALENDAR_HOURS')))
);

create index ix_catalog_subclass_main_class on catalog_subclass (main_class_code);
