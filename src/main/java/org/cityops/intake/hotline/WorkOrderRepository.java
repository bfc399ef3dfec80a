package org.cityops.intake.hotline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores work orders. Never deletes; every decision is a guarded update of the status. */
@Repository
class WorkOrderRepository {

    private static final String COLUMNS = """
            id, order_no, status, caller_name, caller_phone, address, content, request_type, channel, operator,
            operator_role, received_at, answer, answered_by, answered_at, case_id, case_no, transferred_by,
            transferred_at, case_closed_at, satisfaction, resolved, callback_comment, called_back_by, called_back_at""";

    private final JdbcClient jdbc;

    WorkOrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns a new work order id from the sequence. */
    long nextId() {
        return jdbc.sql("SELECT nextval('hotline_work_order_id_seq')").query(Long.class).single();
    }

    /** Inserts a new work order (its id already drawn). */
    void insert(WorkOrder o) {
        jdbc.sql("INSERT INTO hotline_work_order (" + COLUMNS + ") VALUES (" + "?,".repeat(24) + "?)")
                .params(values(o))
                .update();
    }

    /**
     * Writes the work order's decision fields if its status is still the one it was read with;
     * the loser of two concurrent decisions gets an {@link OptimisticLockingFailureException}.
     */
    void update(WorkOrder o, WorkOrderStatus readStatus) {
        int rows = jdbc.sql("""
                UPDATE hotline_work_order SET status = ?, answer = ?, answered_by = ?, answered_at = ?, case_id = ?,
                case_no = ?, transferred_by = ?, transferred_at = ?, case_closed_at = ?, satisfaction = ?, resolved = ?,
                callback_comment = ?, called_back_by = ?, called_back_at = ?
                WHERE id = ? AND status = ?""")
                .params(o.status.name(), o.answer, o.answeredBy, ts(o.answeredAt), o.caseId, o.caseNo, o.transferredBy,
                        ts(o.transferredAt), ts(o.caseClosedAt), o.satisfaction == null ? null : o.satisfaction.name(),
                        o.resolved, o.callbackComment, o.calledBackBy, ts(o.calledBackAt), o.id, readStatus.name())
                .update();
        if (rows != 1) {
            throw new OptimisticLockingFailureException("work order " + o.orderNo + " was changed by someone else: "
                    + "reload and try again");
        }
    }

    /** Marks the transferred work orders of a closed case as due for callback; returns how many. */
    void caseMoved(String orderNo, long fromCaseId, long toCaseId) {
        jdbc.sql("UPDATE hotline_work_order SET case_id = ? WHERE order_no = ? AND case_id = ?")
                .params(toCaseId, orderNo, fromCaseId).update();
    }

    int caseClosed(long caseId, Instant closedAt) {
        return jdbc.sql("""
                UPDATE hotline_work_order SET status = 'CALLBACK_DUE', case_closed_at = ?
                WHERE case_id = ? AND status IN ('TRANSFERRED', 'CALLBACK_DUE')""")
                .params(ts(closedAt), caseId).update();
    }

    Optional<WorkOrder> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM hotline_work_order WHERE id = ?").param(id)
                .query(WorkOrderRepository::map).optional();
    }

    /** Filters of the work order list; null means any. */
    record Filter(List<WorkOrderStatus> statuses, RequestType requestType, Channel channel, String operator,
                  Long caseId, Instant from, Instant to, Long beforeId) {
    }

    /** Returns one page of work orders, newest first, after the cursor id. */
    List<WorkOrder> list(Filter f, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM hotline_work_order WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (f.statuses() != null && !f.statuses().isEmpty()) {
            sql.append(" AND status IN (").append(String.join(",", Collections.nCopies(f.statuses().size(), "?")))
                    .append(")");
            f.statuses().forEach(s -> params.add(s.name()));
        }
        if (f.requestType() != null) {
            sql.append(" AND request_type = ?");
            params.add(f.requestType().name());
        }
        if (f.channel() != null) {
            sql.append(" AND channel = ?");
            params.add(f.channel().name());
        }
        if (f.operator() != null) {
            sql.append(" AND operator = ?");
            params.add(f.operator());
        }
        if (f.caseId() != null) {
            sql.append(" AND case_id = ?");
            params.add(f.caseId());
        }
        if (f.from() != null) {
            sql.append(" AND received_at >= ?");
            params.add(ts(f.from()));
        }
        if (f.to() != null) {
            sql.append(" AND received_at < ?");
            params.add(ts(f.to()));
        }
        if (f.beforeId() != null) {
            sql.append(" AND id < ?");
            params.add(f.beforeId());
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(limit);
        return jdbc.sql(sql.toString()).params(params).query(WorkOrderRepository::map).list();
    }

    /** The few columns the figures need, for every work order received in [from, to). */
    record FigureSource(WorkOrderStatus status, Long caseId, Satisfaction satisfaction, Boolean resolved) {
    }

    List<FigureSource> figureSources(Instant from, Instant to) {
        return jdbc.sql("""
                SELECT status, case_id, satisfaction, resolved FROM hotline_work_order
                WHERE received_at >= ? AND received_at < ?""")
                .params(ts(from), ts(to))
                .query((rs, n) -> {
                    long caseId = rs.getLong("case_id");
                    Long caseRef = rs.wasNull() ? null : caseId;
                    boolean resolved = rs.getBoolean("resolved");
                    Boolean resolvedRef = rs.wasNull() ? null : resolved;
                    String satisfaction = rs.getString("satisfaction");
                    return new FigureSource(WorkOrderStatus.valueOf(rs.getString("status")), caseRef,
                            satisfaction == null ? null : Satisfaction.valueOf(satisfaction), resolvedRef);
                }).list();
    }

    private static List<Object> values(WorkOrder o) {
        List<Object> v = new ArrayList<>();
        v.add(o.id);
        v.add(o.orderNo);
        v.add(o.status.name());
        v.add(o.callerName);
        v.add(o.callerPhone);
        v.add(o.address);
        v.add(o.content);
        v.add(o.requestType.name());
        v.add(o.channel.name());
        v.add(o.operator);
        v.add(o.operatorRole);
        v.add(ts(o.receivedAt));
        v.add(o.answer);
        v.add(o.answeredBy);
        v.add(ts(o.answeredAt));
        v.add(o.caseId);
        v.add(o.caseNo);
        v.add(o.transferredBy);
        v.add(ts(o.transferredAt));
        v.add(ts(o.caseClosedAt));
        v.add(o.satisfaction == null ? null : o.satisfaction.name());
        v.add(o.resolved);
        v.add(o.callbackComment);
        v.add(o.calledBackBy);
        v.add(ts(o.calledBackAt));
        return v;
    }

    private static WorkOrder map(ResultSet rs, int row) throws SQLException {
        WorkOrder o = new WorkOrder();
        o.id = rs.getLong("id");
        o.orderNo = rs.getString("order_no");
        o.status = WorkOrderStatus.valueOf(rs.getString("status"));
        o.callerName = rs.getString("caller_name");
        o.callerPhone = rs.getString("caller_phone");
        o.address = rs.getString("address");
        o.content = rs.getString("content");
        o.requestType = RequestType.valueOf(rs.getString("request_type"));
        o.channel = Channel.valueOf(rs.getString("channel"));
        o.operator = rs.getString("operator");
        o.operatorRole = rs.getString("operator_role");
        o.receivedAt = instant(rs, "received_at");
        o.answer = rs.getString("answer");
        o.answeredBy = rs.getString("answered_by");
        o.answeredAt = instant(rs, "answered_at");
        long caseId = rs.getLong("case_id");
        o.caseId = rs.wasNull() ? null : caseId;
        o.caseNo = rs.getString("case_no");
        o.transferredBy = rs.getString("transferred_by");
        o.transferredAt = instant(rs, "transferred_at");
        o.caseClosedAt = instant(rs, "case_closed_at");
        String satisfaction = rs.getString("satisfaction");
        o.satisfaction = satisfaction == null ? null : Satisfaction.valueOf(satisfaction);
        boolean resolved = rs.getBoolean("resolved");
        o.resolved = rs.wasNull() ? null : resolved;
        o.callbackComment = rs.getString("callback_comment");
        o.calledBackBy = rs.getString("called_back_by");
        o.calledBackAt = instant(rs, "called_back_at");
        return o;
    }

    /** Returns the column as an instant; H2 keeps the written offset, PostgreSQL answers in UTC. */
    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime ts(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
