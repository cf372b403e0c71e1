package org.waymark.survey.robustness;

import java.io.Closeable;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.waymark.survey.WrappingBeans;

/**
 * Wraps the application's real DataSource (the pool on the embedded MariaDB) so that a test can make
 * the k-th JDBC statement, or a commit, fail. Only statements run by request threads count, so the
 * search index's applier and other background work never take a test's fault. Import it into a test
 * class with {@code @Import(FaultInjection.class)}; it is idle until {@link #arm} is called.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FaultInjection {

    /** What fails. */
    public enum Fault {
        /** The k-th statement throws before it reaches the database. */
        STATEMENT,
        /** The k-th commit is refused: the transaction is rolled back and the commit throws. */
        COMMIT_REFUSED,
        /** The k-th commit happens, but its reply is lost: the commit throws all the same. */
        COMMIT_LOST
    }

    /** One armed fault, and whether a request reached it. */
    public static final class Plan {
        private final Fault fault;
        private final int k;
        private final AtomicInteger statements = new AtomicInteger();
        private final AtomicInteger commits = new AtomicInteger();
        private final AtomicBoolean fired = new AtomicBoolean();

        private Plan(Fault fault, int k) {
            this.fault = fault;
            this.k = k;
        }

        public boolean fired() {
            return fired.get();
        }

        /** How many statements request threads ran while this plan was armed. */
        public int statements() {
            return statements.get();
        }

        void beforeStatement() throws SQLException {
            if (onRequestThread() && statements.incrementAndGet() == k && fault == Fault.STATEMENT) {
                fired.set(true);
                throw new SQLTransientConnectionException("injected fault at statement " + k, "08S01");
            }
        }

        void commit(Connection real) throws SQLException {
            if (!onRequestThread() || fault == Fault.STATEMENT || commits.incrementAndGet() != k) {
                real.commit();
                return;
            }
            fired.set(true);
            if (fault == Fault.COMMIT_REFUSED) {
                real.rollback();
                throw new SQLException("injected fault: commit refused", "40001");
            }
            real.commit();
            throw new SQLTransientConnectionException("injected fault: the commit's reply was lost", "08S01");
        }

        private static boolean onRequestThread() {
            return Thread.currentThread().getName().startsWith("http-nio");
        }
    }

    private static final Plan IDLE = new Plan(Fault.STATEMENT, 0);
    private static final AtomicReference<Plan> ARMED = new AtomicReference<>(IDLE);

    /** Arms a fault for the requests that follow, until {@link #disarm}. */
    public static Plan arm(Fault fault, int k) {
        Plan plan = new Plan(fault, k);
        ARMED.set(plan);
        return plan;
    }

    public static void disarm() {
        ARMED.set(IDLE);
    }

    @Bean
    static BeanPostProcessor failingDataSource() {
        return WrappingBeans.wrapping(DataSource.class, FailingDataSource.class, FailingDataSource::new);
    }

    /** The real DataSource, handing out connections whose statements and commits can fail. */
    static final class FailingDataSource extends DelegatingDataSource implements Closeable {

        FailingDataSource(DataSource real) {
            super(real);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return connection(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return connection(super.getConnection(username, password));
        }

        /** Closes the pool when the context closes, as it would without the wrapper. */
        @Override
        public void close() throws IOException {
            if (obtainTargetDataSource() instanceof Closeable pool) {
                pool.close();
            }
        }

        private static Connection connection(Connection real) {
            InvocationHandler handler = (proxy, method, args) -> {
                if (method.getName().equals("commit")) {
                    ARMED.get().commit(real);
                    return null;
                }
                Object result = call(real, method, args);
                return result instanceof Statement statement && Statement.class.isAssignableFrom(method.getReturnType())
                        ? statement(statement, method.getReturnType())
                        : result;
            };
            return (Connection) Proxy.newProxyInstance(
                    FaultInjection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
        }

        private static Object statement(Statement real, Class<?> type) {
            InvocationHandler handler = (proxy, method, args) -> {
                if (method.getName().startsWith("execute")) {
                    ARMED.get().beforeStatement();
                }
                return call(real, method, args);
            };
            return Proxy.newProxyInstance(FaultInjection.class.getClassLoader(), new Class<?>[] {type}, handler);
        }

        private static Object call(Object target, Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
