package io.mawasu.crm.analytics.kpt;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Holds one dedicated connection that {@code LISTEN}s to {@link KptQueries#CHANNEL} and
 * hands every payload to the registered handlers, so a write taken by any app instance
 * reaches the live subscribers of all of them. A lost connection is reopened after a
 * second; changes during that second are missed (a board page reloads its cards on every
 * change it does receive).
 */
@Component
public class KptRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(KptRelay.class);

	private static final int POLL_MILLIS = 250;

	private final DataSource dataSource;

	private final List<Consumer<String>> handlers = new CopyOnWriteArrayList<>();

	private volatile boolean running;

	private volatile boolean listening;

	private @Nullable Thread thread;

	KptRelay(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	public void onNotification(Consumer<String> handler) {
		this.handlers.add(handler);
	}

	/** Whether the listening connection is open (a write now reaches this instance). */
	public boolean listening() {
		return this.listening;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		Thread listener = new Thread(this::listen, "kpt-relay");
		listener.setDaemon(true);
		listener.start();
		this.thread = listener;
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		Thread listener = this.thread;
		if (listener != null) {
			listener.interrupt();
			try {
				listener.join(2000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.thread = null;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void listen() {
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection()) {
				connection.setAutoCommit(true);
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + KptQueries.CHANNEL);
				}
				PGConnection pg = connection.unwrap(PGConnection.class);
				this.listening = true;
				while (this.running) {
					PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
					if (notifications != null) {
						for (PGNotification notification : notifications) {
							dispatch(notification.getParameter());
						}
					}
				}
			}
			catch (SQLException ex) {
				this.listening = false;
				if (this.running) {
					log.warn("KPT relay lost its listening connection; reconnecting in a second", ex);
					pause();
				}
			}
			finally {
				this.listening = false;
			}
		}
	}

	private void dispatch(String payload) {
		for (Consumer<String> handler : this.handlers) {
			try {
				handler.accept(payload);
			}
			catch (RuntimeException ex) {
				log.warn("A KPT change handler failed on {}", payload, ex);
			}
		}
	}

	private void pause() {
		try {
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
