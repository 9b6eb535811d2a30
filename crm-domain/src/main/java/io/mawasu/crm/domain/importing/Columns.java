package io.mawasu.crm.domain.importing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.mawasu.crm.domain.internal.CsvReader;

/**
 * The header row of an imported file: column name to position. Names are compared trimmed
 * and in lower case; unknown columns are ignored.
 */
final class Columns {

	private final Map<String, Integer> positions;

	private final int count;

	private Columns(Map<String, Integer> positions, int count) {
		this.positions = positions;
		this.count = count;
	}

	static Columns of(CsvReader header, List<String> required) {
		Map<String, Integer> positions = new HashMap<>();
		for (int i = 0; i < header.size(); i++) {
			String name = header.get(i).strip().toLowerCase(Locale.ROOT);
			if (name.isEmpty()) {
				continue;
			}
			if (positions.putIfAbsent(name, i) != null) {
				throw new ImportFileException("The header names the column '" + name + "' twice.");
			}
		}
		List<String> missing = new ArrayList<>();
		for (String column : required) {
			if (!positions.containsKey(column)) {
				missing.add(column);
			}
		}
		if (!missing.isEmpty()) {
			throw new ImportFileException("The header row (line 1) lacks the required column(s) "
					+ String.join(", ", missing) + "; it must name " + String.join(", ", required) + ".");
		}
		return new Columns(positions, header.size());
	}

	/** The position of a column, or -1 when the file does not have it. */
	int index(String name) {
		return this.positions.getOrDefault(name, -1);
	}

	boolean has(String name) {
		return this.positions.containsKey(name);
	}

	/** How many fields every row must have. */
	int count() {
		return this.count;
	}

}
