package io.mawasu.crm.domain.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import io.mawasu.crm.domain.customer.ShopProperties;
import io.mawasu.crm.domain.internal.CopyRows;
import io.mawasu.crm.domain.internal.CsvDecoding;
import io.mawasu.crm.domain.internal.CsvFormatException;
import io.mawasu.crm.domain.internal.CsvReader;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports customers, orders and consents from CSV files with a header row, as DESIGN.md
 * §4 specifies. Each import streams the file through a COPY into a temporary table and
 * applies it with set-based upserts by external id, all in one transaction: bad rows are
 * rejected with their physical line, the rest stored; a file that cannot be read as CSV
 * or lacks a required column raises {@link ImportFileException} and stores nothing.
 * Re-importing a file changes nothing. Memory stays bounded whatever the file's size.
 * <p>
 * The charset is the declared one (Shift_JIS is read as Windows-31J); when none is
 * declared, UTF-8 (with or without BOM) unless the first 64 KB are not valid UTF-8, then
 * Windows-31J.
 */
@Service
public class CsvImports {

	private static final Logger logger = LoggerFactory.getLogger(CsvImports.class);

	private static final int PROGRESS_EVERY = 10_000;

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final ShopProperties shop;

	private final Clock clock;

	CsvImports(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager transactionManager,
			ShopProperties shop, ObjectProvider<Clock> clock) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactionManager);
		this.shop = shop;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/**
	 * Imports customers: {@code external_id} (required), {@code email}, {@code phone},
	 * {@code line_user_id}, {@code name}, {@code gender} (F, M, O), {@code birth_date},
	 * {@code prefecture}, {@code city}, {@code tags} ({@code ;}-separated),
	 * {@code registered_at}. Columns the file lacks are left unchanged. The phone is
	 * stored as given and in E.164 ({@code PhoneNumbers.e164}); one that is not a phone
	 * number is kept without E.164 and reported in {@link ImportResult#warnings()}.
	 * @param csv the file's bytes, read to the end but not closed
	 * @param charset the declared charset, or null to detect it
	 * @param actor the user importing
	 * @param progress told how many rows have been read, or null
	 */
	public ImportResult customers(InputStream csv, @Nullable Charset charset, String actor,
			@Nullable ImportProgress progress) {
		return run(new CustomerImport(this.shop.timeZone(), this.clock.instant()), csv, charset, actor, progress);
	}

	/**
	 * Imports orders: {@code external_id}, {@code customer_external_id},
	 * {@code ordered_at}, {@code amount} (required), {@code category}, {@code brand},
	 * {@code quantity}, {@code list_price}. An order of an unknown customer is rejected.
	 * The summaries of the customers whose orders changed are recomputed.
	 */
	public ImportResult orders(InputStream csv, @Nullable Charset charset, String actor,
			@Nullable ImportProgress progress) {
		return run(new OrderImport(this.shop.timeZone(), this.clock.instant(), this.shop.currency()), csv, charset,
				actor, progress);
	}

	/**
	 * Imports consent changes: {@code customer_external_id}, {@code channel} (EMAIL,
	 * LINE, SMS), {@code status} (OPT_IN, OPT_OUT), {@code changed_at}. Only changes
	 * newer than the stored state apply, an OPT_OUT winning at equal times and over a
	 * stored OPT_IN dated in the future; each applied change is written to the consent
	 * history (source IMPORT, the actor). Dates more than a day ahead are rejected.
	 */
	public ImportResult consents(InputStream csv, @Nullable Charset charset, String actor,
			@Nullable ImportProgress progress) {
		return run(new ConsentImport(this.shop.timeZone(), this.clock.instant()), csv, charset, actor, progress);
	}

	private ImportResult run(CsvImport kind, InputStream csv, @Nullable Charset charset, String actor,
			@Nullable ImportProgress progress) {
		ImportResult result = this.transaction.execute((status) -> {
			try {
				return load(kind, csv, charset, actor, progress);
			}
			catch (CsvFormatException ex) {
				throw new ImportFileException("The file cannot be read as CSV. " + ex.getMessage() + ".", ex);
			}
			catch (CharacterCodingException ex) {
				throw new ImportFileException("The file is not valid text in its character set"
						+ ((charset != null) ? " " + charset.name() : " (UTF-8 or Windows-31J)")
						+ "; save it as UTF-8 CSV or name the charset in the Content-Type.", ex);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("The import failed in the database: " + ex.getMessage(), ex);
			}
		});
		if (result == null) {
			throw new IllegalStateException("The import returned no result");
		}
		return result;
	}

	private ImportResult load(CsvImport kind, InputStream csv, @Nullable Charset charset, String actor,
			@Nullable ImportProgress progress) throws IOException, SQLException {
		long started = System.nanoTime();
		CsvReader reader = new CsvReader(CsvDecoding.reader(csv, charset));
		if (!reader.next()) {
			throw new ImportFileException(
					"The file is empty; it needs a header row naming " + String.join(", ", kind.required()) + ".");
		}
		Columns columns = Columns.of(reader, kind.required());
		kind.bind(columns);
		this.jdbc.sql("set local work_mem = '256MB'").update();
		this.jdbc.sql(kind.createStage()).update();
		LineErrors rejections = new LineErrors();
		long rows = 0;
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try (CopyRows copy = new CopyRows(connection, kind.copy())) {
			while (reader.next()) {
				if (reader.isBlank()) {
					continue;
				}
				rows++;
				if (reader.size() != columns.count()) {
					rejections.add(reader.line(), "", "import.reason.fieldCount",
							List.of(String.valueOf(reader.size()), String.valueOf(columns.count())));
				}
				else {
					CsvImport.RowError error = kind.stage(reader, copy);
					if (error != null) {
						rejections.add(reader.line(), error.field(), error.code(), error.args());
					}
				}
				if (progress != null && rows % PROGRESS_EVERY == 0) {
					progress.rowsRead(rows);
				}
			}
			copy.finish();
		}
		if (progress != null) {
			progress.rowsRead(rows);
		}
		long staged = System.nanoTime();
		CsvImport.Applied applied = kind.apply(this.jdbc, actor, rejections);
		if (logger.isInfoEnabled()) {
			logger.info(
					"Import of {} by {}: {} rows read and staged in {} ms, applied in {} ms ({} inserted, {} updated, {} rejected)",
					kind.name(), actor, rows, (staged - started) / 1_000_000, (System.nanoTime() - staged) / 1_000_000,
					applied.inserted(), applied.updated(), rejections.count());
		}
		return new ImportResult(applied.inserted(), applied.updated(), rejections.count(), rejections.errors(),
				kind.warnings.errors());
	}

}
