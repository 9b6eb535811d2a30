package io.mawasu.crm.web.imports;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Locale;

import io.mawasu.crm.domain.importing.CsvImports;
import io.mawasu.crm.domain.importing.ImportProgress;
import io.mawasu.crm.domain.importing.ImportResult;
import org.jspecify.annotations.Nullable;

/**
 * What a file holds, as named in the URL ({@code /api/import/customers}) and in the audit
 * log ({@code IMPORT_CUSTOMERS}).
 */
enum ImportKind {

	CUSTOMERS, ORDERS, CONSENTS;

	static final String PATTERN = "customers|orders|consents";

	static ImportKind of(String path) {
		return valueOf(path.toUpperCase(Locale.ROOT));
	}

	String auditAction() {
		return "IMPORT_" + name();
	}

	String path() {
		return name().toLowerCase(Locale.ROOT);
	}

	ImportResult run(CsvImports imports, InputStream csv, @Nullable Charset charset, String actor,
			@Nullable ImportProgress progress) {
		return switch (this) {
			case CUSTOMERS -> imports.customers(csv, charset, actor, progress);
			case ORDERS -> imports.orders(csv, charset, actor, progress);
			case CONSENTS -> imports.consents(csv, charset, actor, progress);
		};
	}

	static String summary(String source, ImportResult result) {
		return source + ": inserted=" + result.inserted() + ", updated=" + result.updated() + ", rejected="
				+ result.rejected();
	}

}
