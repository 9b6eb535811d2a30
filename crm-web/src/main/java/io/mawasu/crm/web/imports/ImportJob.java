package io.mawasu.crm.web.imports;

import java.time.Instant;

import io.mawasu.crm.domain.importing.ImportResult;
import org.jspecify.annotations.Nullable;

/**
 * One import started from the page and run in the background: its progress while it
 * reads, then its result or why the file was refused.
 */
public final class ImportJob {

	private final String id;

	private final ImportKind kind;

	private final String filename;

	private final String username;

	private final Instant startedAt = Instant.now();

	private volatile long rows;

	private volatile @Nullable ImportResult result;

	private volatile @Nullable String failure;

	ImportJob(String id, ImportKind kind, String filename, String username) {
		this.id = id;
		this.kind = kind;
		this.filename = filename;
		this.username = username;
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

	String getUsername() {
		return this.username;
	}

	Instant getStartedAt() {
		return this.startedAt;
	}

	public long getRows() {
		return this.rows;
	}

	void setRows(long rows) {
		this.rows = rows;
	}

	public @Nullable ImportResult getResult() {
		return this.result;
	}

	void succeed(ImportResult result) {
		this.result = result;
	}

	public @Nullable String getFailure() {
		return this.failure;
	}

	void fail(String failure) {
		this.failure = failure;
	}

	public boolean isDone() {
		return this.result != null || this.failure != null;
	}

}
