package io.mawasu.crm.domain.importing;

/**
 * Told, every few thousand rows and once at the end of reading, how many data rows of the
 * file have been read. Called on the importing thread.
 */
@FunctionalInterface
public interface ImportProgress {

	void rowsRead(long rows);

}
