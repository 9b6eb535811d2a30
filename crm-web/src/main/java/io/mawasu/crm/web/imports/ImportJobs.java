package io.mawasu.crm.web.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import io.mawasu.crm.domain.importing.CsvImports;
import io.mawasu.crm.domain.importing.ImportError;
import io.mawasu.crm.domain.importing.ImportFileException;
import io.mawasu.crm.domain.importing.ImportResult;
import io.mawasu.crm.web.audit.AuditLog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports started from the page, run as db-scheduler one-off tasks ({@value #TASK_NAME})
 * on whichever instance claims them. The job, its progress and its result are rows of
 * {@code web.import_job}; the uploaded file is stored in 1 MB chunks beside it until the
 * job has finished, so any instance can run it. When the instance running a job dies,
 * another one revives the execution after its heartbeats stop and runs the file again
 * from the start (imports are idempotent upserts), at most {@value #MAX_ATTEMPTS} times;
 * then the job is marked failed. A job is visible only to the user who started it;
 * finished jobs are kept for a week.
 */
@Component
class ImportJobs {

	static final String TASK_NAME = "csv-import";

	static final TaskDescriptor<Void> TASK = TaskDescriptor.of(TASK_NAME);

	static final int MAX_ATTEMPTS = 3;

	static final int CHUNK_SIZE = 1 << 20;

	private static final long PROGRESS_EVERY_NANOS = 500_000_000L;

	private static final Logger logger = LoggerFactory.getLogger(ImportJobs.class);

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final TransactionTemplate transactions;

	private final CsvImports imports;

	private final AuditLog audit;

	private final ObjectProvider<SchedulerClient> scheduler;

	private final Clock clock;

	ImportJobs(JdbcClient jdbc, DataSource dataSource, TransactionTemplate transactions, CsvImports imports,
			AuditLog audit, ObjectProvider<SchedulerClient> scheduler, Clock clock) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.transactions = transactions;
		this.imports = imports;
		this.audit = audit;
		this.scheduler = scheduler;
		this.clock = clock;
	}

	/**
	 * Stores the upload as a new job and schedules it to run now on any instance.
	 * @param upload the file's bytes, read to the end here
	 */
	ImportJob start(ImportKind kind, InputStream upload, @Nullable Charset charset, String filename, String username,
			@Nullable String address) throws IOException {
		evictOld();
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into web.import_job (id, kind, filename, username, charset, address, status, created_at)
				values (:id, :kind, :filename, :username, :charset, :address, 'QUEUED', now())
				""")
			.param("id", id)
			.param("kind", kind.name())
			.param("filename", filename)
			.param("username", username)
			.param("charset", (charset != null) ? charset.name() : null)
			.param("address", address)
			.update();
		try {
			storeChunks(id, upload);
			this.scheduler.getObject().schedule(TASK.instance(id.toString()).build(), this.clock.instant());
		}
		catch (IOException | RuntimeException ex) {
			fail(id, "The file could not be stored: " + ex.getMessage());
			throw ex;
		}
		return new ImportJob(id.toString(), kind, filename, 0, null, null);
	}

	Optional<ImportJob> find(String id, String username) {
		return parse(id).flatMap(this::row).filter((row) -> row.username().equals(username)).map(this::job);
	}

	/** Runs a stored job: the task's body, on the instance that claimed it. */
	void run(String taskInstance) {
		Optional<UUID> parsed = parse(taskInstance);
		Optional<Row> found = parsed.flatMap(this::row);
		if (found.isEmpty()) {
			logger.warn("Import job {} no longer exists; nothing to run", taskInstance);
			return;
		}
		Row job = found.get();
		UUID id = job.id();
		if (job.status().equals("SUCCEEDED") || job.status().equals("FAILED")) {
			return;
		}
		int attempt = this.jdbc
			.sql("update web.import_job set status = 'RUNNING', attempts = attempts + 1, rows_read = 0,"
					+ " started_at = now() where id = :id returning attempts")
			.param("id", id)
			.query(Integer.class)
			.single();
		if (attempt > MAX_ATTEMPTS) {
			fail(id, "The import was interrupted " + MAX_ATTEMPTS
					+ " times (its instance stopped); upload the file again");
			return;
		}
		if (attempt > 1) {
			logger.info("Import job {} of {} resumed from the start (attempt {})", id, job.filename(), attempt);
		}
		ImportKind kind = ImportKind.valueOf(job.kind());
		Charset charset = (job.charset() != null) ? Charset.forName(job.charset()) : null;
		try (StoredFile csv = new StoredFile(this.dataSource, id)) {
			ImportResult result = kind.run(this.imports, csv, charset, job.username(), csv::progress);
			this.audit.record(job.username(), kind.auditAction(), ImportKind.summary(job.filename(), result),
					job.address(), null);
			succeed(id, result);
		}
		catch (ImportFileException ex) {
			this.audit.record(job.username(), kind.auditAction(), job.filename() + ": refused, " + ex.getMessage(),
					job.address(), null);
			fail(id, ex.getMessage());
		}
		catch (IOException | SQLException | RuntimeException ex) {
			logger.error("Import {} of {} failed", id, job.filename(), ex);
			fail(id, String.valueOf(ex.getMessage()));
		}
	}

	private void storeChunks(UUID id, InputStream upload) throws IOException {
		byte[] buffer = new byte[CHUNK_SIZE];
		int seq = 0;
		int read;
		while ((read = upload.readNBytes(buffer, 0, buffer.length)) > 0) {
			byte[] data = (read == buffer.length) ? buffer : java.util.Arrays.copyOf(buffer, read);
			this.jdbc.sql("insert into web.import_job_chunk (job_id, seq, data) values (:id, :seq, :data)")
				.param("id", id)
				.param("seq", seq++)
				.param("data", data)
				.update();
		}
	}

	private void succeed(UUID id, ImportResult result) {
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("""
					update web.import_job set status = 'SUCCEEDED', inserted = :inserted, updated = :updated,
					rejected = :rejected, finished_at = now() where id = :id
					""")
				.param("id", id)
				.param("inserted", result.inserted())
				.param("updated", result.updated())
				.param("rejected", result.rejected())
				.update();
			List<ImportError> errors = new ArrayList<>(result.errors());
			errors.addAll(result.warnings());
			for (int i = 0; i < errors.size(); i++) {
				ImportError error = errors.get(i);
				this.jdbc.sql("""
						insert into web.import_job_error (job_id, seq, line, field, code, args, warning)
						values (:id, :seq, :line, :field, :code, :args, :warning)
						""")
					.param("id", id)
					.param("seq", i)
					.param("line", error.line())
					.param("field", error.field())
					.param("code", error.code())
					.param("args", error.args().toArray(String[]::new))
					.param("warning", i >= result.errors().size())
					.update();
			}
			deleteChunks(id);
		});
	}

	private void fail(UUID id, String failure) {
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc
				.sql("update web.import_job set status = 'FAILED', failure = :failure, finished_at = now()"
						+ " where id = :id")
				.param("id", id)
				.param("failure", failure)
				.update();
			deleteChunks(id);
		});
	}

	private void deleteChunks(UUID id) {
		this.jdbc.sql("delete from web.import_job_chunk where job_id = :id").param("id", id).update();
	}

	private void evictOld() {
		this.jdbc
			.sql("delete from web.import_job where created_at < now() - interval '7 days'"
					+ " and status in ('SUCCEEDED', 'FAILED')")
			.update();
	}

	private Optional<Row> row(UUID id) {
		return this.jdbc.sql("""
				select id, kind, filename, username, charset, address, status, rows_read, inserted, updated,
				rejected, failure from web.import_job where id = :id
				""").param("id", id).query(Row.class).optional();
	}

	private ImportJob job(Row row) {
		ImportKind kind = ImportKind.valueOf(row.kind());
		ImportResult result = null;
		if (row.status().equals("SUCCEEDED")) {
			List<ImportError> errors = new ArrayList<>();
			List<ImportError> warnings = new ArrayList<>();
			this.jdbc.sql("""
					select line, field, code, args, message, warning from web.import_job_error
					where job_id = :id order by seq
					""").param("id", row.id()).query((rs, n) -> {
				String code = rs.getString("code");
				// a job finished before reasons were codes has its English message only
				List<String> args = (code != null) ? List.of((String[]) rs.getArray("args").getArray())
						: List.of(String.valueOf(rs.getString("message")));
				ImportError error = new ImportError(rs.getLong("line"), rs.getString("field"),
						(code != null) ? code : "import.reason.stored", args);
				(rs.getBoolean("warning") ? warnings : errors).add(error);
				return error;
			}).list();
			result = new ImportResult(nonNull(row.inserted()), nonNull(row.updated()), nonNull(row.rejected()), errors,
					warnings);
		}
		String failure = row.status().equals("FAILED") ? String.valueOf(row.failure()) : null;
		return new ImportJob(row.id().toString(), kind, row.filename(), row.rowsRead(), result, failure);
	}

	private static long nonNull(@Nullable Long value) {
		return (value != null) ? value : 0;
	}

	private static Optional<UUID> parse(String id) {
		try {
			return Optional.of(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	record Row(UUID id, String kind, String filename, String username, @Nullable String charset,
			@Nullable String address, String status, long rowsRead, @Nullable Long inserted, @Nullable Long updated,
			@Nullable Long rejected, @Nullable String failure) {
	}

	/**
	 * A stored upload read chunk by chunk on a connection of its own (the import itself
	 * may hold the thread's connection in a COPY), which also records the progress.
	 */
	static final class StoredFile extends InputStream {

		private final Connection connection;

		private final UUID id;

		private byte[] chunk = new byte[0];

		private int position;

		private int nextSeq;

		private boolean ended;

		private long lastProgress = System.nanoTime();

		StoredFile(DataSource dataSource, UUID id) throws SQLException {
			this.connection = dataSource.getConnection();
			this.connection.setAutoCommit(true);
			this.id = id;
		}

		@Override
		public int read() throws IOException {
			if (!fill()) {
				return -1;
			}
			return this.chunk[this.position++] & 0xff;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (length == 0) {
				return 0;
			}
			if (!fill()) {
				return -1;
			}
			int count = Math.min(length, this.chunk.length - this.position);
			System.arraycopy(this.chunk, this.position, buffer, offset, count);
			this.position += count;
			return count;
		}

		private boolean fill() throws IOException {
			while (this.position >= this.chunk.length) {
				if (this.ended) {
					return false;
				}
				try (PreparedStatement statement = this.connection
					.prepareStatement("select data from web.import_job_chunk where job_id = ? and seq = ?")) {
					statement.setObject(1, this.id);
					statement.setInt(2, this.nextSeq++);
					try (ResultSet rs = statement.executeQuery()) {
						if (rs.next()) {
							this.chunk = rs.getBytes(1);
							this.position = 0;
						}
						else {
							this.ended = true;
						}
					}
				}
				catch (SQLException ex) {
					throw new IOException("Reading the stored upload failed: " + ex.getMessage(), ex);
				}
			}
			return true;
		}

		/** Stores the rows read so far, at most twice a second. */
		void progress(long rows) {
			long now = System.nanoTime();
			if (now - this.lastProgress < PROGRESS_EVERY_NANOS) {
				return;
			}
			this.lastProgress = now;
			try (PreparedStatement statement = this.connection
				.prepareStatement("update web.import_job set rows_read = ? where id = ?")) {
				statement.setLong(1, rows);
				statement.setObject(2, this.id);
				statement.executeUpdate();
			}
			catch (SQLException ex) {
				logger.warn("Progress of import {} not stored: {}", this.id, ex.getMessage());
			}
		}

		@Override
		public void close() throws IOException {
			try {
				this.connection.close();
			}
			catch (SQLException ex) {
				throw new IOException(ex);
			}
		}

	}

}
