package io.mawasu.crm.web.audiences;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import io.mawasu.crm.segmentation.Audiences;
import io.mawasu.crm.web.audit.AuditLog;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/segments/{id}/audience.csv?format=META|GOOGLE} (ADMIN, MARKETER;
 * audited): the segment's members with an ADS consent of OPT_IN, never blacklisted, one
 * row each with SHA-256 hex of the normalised email (trimmed, lower-cased) and phone
 * (E.164). META: header {@code email,phone}, the phone hashed as digits without
 * {@code +}; GOOGLE: header {@code Email,Phone}, the phone hashed with its {@code +}. An
 * empty cell where the customer has no such identifier.
 */
@RestController
class AudienceApiController {

	enum Format {

		META, GOOGLE

	}

	private final Audiences audiences;

	private final AuditLog auditLog;

	AudienceApiController(Audiences audiences, AuditLog auditLog) {
		this.audiences = audiences;
		this.auditLog = auditLog;
	}

	@GetMapping("/api/segments/{id}/audience.csv")
	@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
	void audience(@PathVariable long id, @RequestParam(required = false) @Nullable String format,
			HttpServletResponse response) throws IOException {
		Format chosen = parse(format);
		this.auditLog.record("EXPORT_AUDIENCE", "segment " + id + " " + chosen);
		MessageDigest sha256 = sha256();
		PrintWriter[] writer = new PrintWriter[1];
		boolean found = this.audiences.export(id, (contact) -> {
			if (writer[0] == null) {
				writer[0] = start(response, id, chosen);
			}
			String phone = contact.phoneE164();
			if (phone != null && chosen == Format.META) {
				phone = phone.substring(1);
			}
			writer[0].print((contact.email() != null) ? hash(sha256, contact.email()) : "");
			writer[0].print(',');
			writer[0].print((phone != null) ? hash(sha256, phone) : "");
			writer[0].print("\r\n");
			if (writer[0].checkError()) {
				throw new UncheckedIOException(new IOException("the client stopped reading the audience export"));
			}
		});
		if (!found) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no segment " + id + ".");
		}
		if (writer[0] == null) {
			writer[0] = start(response, id, chosen);
		}
		writer[0].flush();
	}

	private static PrintWriter start(HttpServletResponse response, long id, Format format) {
		try {
			response.setContentType("text/csv;charset=UTF-8");
			response.setHeader("Content-Disposition", "attachment; filename=\"segment-" + id + "-audience-"
					+ format.name().toLowerCase(Locale.ROOT) + ".csv\"");
			PrintWriter writer = response.getWriter();
			writer.print((format == Format.META) ? "email,phone" : "Email,Phone");
			writer.print("\r\n");
			return writer;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Format parse(@Nullable String format) {
		if (format != null) {
			for (Format f : Format.values()) {
				if (f.name().equalsIgnoreCase(format.strip())) {
					return f;
				}
			}
		}
		throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
				"format: give format=META or format=GOOGLE (the ad platform the audience is for), not '"
						+ ((format != null) ? format : "") + "'.");
	}

	private static String hash(MessageDigest sha256, String value) {
		sha256.reset();
		return HexFormat.of().formatHex(sha256.digest(value.getBytes(StandardCharsets.UTF_8)));
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}
