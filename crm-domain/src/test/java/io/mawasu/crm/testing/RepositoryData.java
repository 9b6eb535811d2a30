package io.mawasu.crm.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The small public datasets in the repository's {@code data/} folder (see its README for
 * sources and licences), found from a module's working directory. Only the repository
 * itself is searched: nothing beside it is used.
 */
public final class RepositoryData {

	private RepositoryData() {
	}

	/**
	 * A file under {@code data/}, e.g. {@code cdnow/CDNOW_sample.txt}.
	 * @throws IllegalStateException when it is missing from the repository
	 */
	public static Path file(String relative) {
		Path start = Path.of("").toAbsolutePath();
		for (Path dir = start; dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("mvnw"))) {
				Path candidate = dir.resolve("data").resolve(relative);
				if (!Files.isReadable(candidate)) {
					throw new IllegalStateException("data/" + relative + " is missing from the repository at " + dir);
				}
				return candidate;
			}
		}
		throw new IllegalStateException("No repository (a folder with mvnw) at or above " + start);
	}

}
