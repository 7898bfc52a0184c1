package io.gpucloud.objectstorage.store;

import java.sql.SQLException;

/** PostgreSQL's SQLSTATE codes this package tells apart (Appendix A of its manual). */
final class SqlStates {

    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private SqlStates() {
    }

    /** Whether the failure, or one of its causes, is a foreign key violation. */
    static boolean isForeignKeyViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && FOREIGN_KEY_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
