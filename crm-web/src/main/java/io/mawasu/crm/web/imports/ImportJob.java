package io.mawasu.crm.web.imports;

import io.mawasu.crm.domain.importing.ImportResult;
import org.jspecify.annotations.Nullable;

/**
 * One import started from the page and run as a cluster-wide job (see
 * {@link ImportJobs}), as read from the database: its progress while it reads, then its
 * result or why the file was refused.
 */
public final class ImportJob {

	private final String id;

	private final ImportKind kind;

	private final String filename;

	private final long rows;

	private final @Nullable ImportResult result;

	private final @Nullable String failure;

	ImportJob(String id, ImportKind kind, String filename, long rows, @Nullable ImportResult result,
			@Nullable String failure) {
		this.id = id;
		this.kind = kind;
		this.filename = filename;
		this.rows = rows;
		this.result = result;
		this.failure = failure;
	}

	public String getId() {
		return this.id;
	}

	ImportKind getKind() {
		return this.kind;
	}

	/** The kind in lower case, as in the URL and the message keys. */
	public String getKindName() {
		return this.kind.path();
	}

	public String getFilename() {
		return this.filename;
	}

	/** Data rows read so far (the latest progress an instance reported). */
	public long getRows() {
		return this.rows;
	}

	public @Nullable ImportResult getResult() {
		return this.result;
	}

	public @Nullable String getFailure() {
		return this.failure;
	}

	public boolean isDone() {
		return this.result != null || this.failure != null;
	}

}
