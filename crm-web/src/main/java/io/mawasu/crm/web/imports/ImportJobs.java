package io.mawasu.crm.web.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.mawasu.crm.domain.importing.CsvImports;
import io.mawasu.crm.domain.importing.ImportFileException;
import io.mawasu.crm.domain.importing.ImportResult;
import io.mawasu.crm.web.audit.AuditLog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs imports started from the page in the background, two at a time, from a file
 * spooled to disk, and keeps their progress and result for an hour so the page can poll
 * them. A job is visible only to the user who started it.
 */
@Component
class ImportJobs implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(ImportJobs.class);

	private static final Duration KEEP = Duration.ofHours(1);

	private final CsvImports imports;

	private final AuditLog audit;

	private final Map<String, ImportJob> jobs = new ConcurrentHashMap<>();

	private final ExecutorService executor;

	ImportJobs(CsvImports imports, AuditLog audit) {
		this.imports = imports;
		this.audit = audit;
		AtomicInteger count = new AtomicInteger();
		this.executor = Executors.newFixedThreadPool(2, (runnable) -> {
			Thread thread = new Thread(runnable, "import-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/** Starts importing a spooled file; the job deletes the file when done. */
	ImportJob start(ImportKind kind, Path spooled, @Nullable Charset charset, String filename, String username,
			@Nullable String address) {
		evictOld();
		ImportJob job = new ImportJob(UUID.randomUUID().toString(), kind, filename, username);
		this.jobs.put(job.getId(), job);
		this.executor.execute(() -> run(job, spooled, charset, address));
		return job;
	}

	Optional<ImportJob> find(String id, String username) {
		return Optional.ofNullable(this.jobs.get(id)).filter((job) -> job.getUsername().equals(username));
	}

	private void run(ImportJob job, Path spooled, @Nullable Charset charset, @Nullable String address) {
		ImportKind kind = job.getKind();
		try (InputStream csv = Files.newInputStream(spooled)) {
			ImportResult result = kind.run(this.imports, csv, charset, job.getUsername(), job::setRows);
			this.audit.record(job.getUsername(), kind.auditAction(), ImportKind.summary(job.getFilename(), result),
					address, null);
			job.succeed(result);
		}
		catch (ImportFileException ex) {
			this.audit.record(job.getUsername(), kind.auditAction(),
					job.getFilename() + ": refused, " + ex.getMessage(), address, null);
			job.fail(ex.getMessage());
		}
		catch (IOException | RuntimeException ex) {
			logger.error("Import {} of {} failed", job.getId(), job.getFilename(), ex);
			job.fail(String.valueOf(ex.getMessage()));
		}
		finally {
			delete(spooled);
		}
	}

	private void evictOld() {
		Instant cutoff = Instant.now().minus(KEEP);
		this.jobs.values().removeIf((job) -> job.isDone() && job.getStartedAt().isBefore(cutoff));
	}

	private static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
