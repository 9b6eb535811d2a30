package io.mawasu.crm.web.cycles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.mawasu.crm.analytics.CycleView;
import io.mawasu.crm.analytics.KpiView;
import io.mawasu.crm.analytics.KptBoards;
import io.mawasu.crm.analytics.KptCard;
import io.mawasu.crm.analytics.KptColumn;
import io.mawasu.crm.segmentation.SegmentCount;
import io.mawasu.crm.segmentation.SegmentDetail;
import io.mawasu.crm.segmentation.Segments;
import io.mawasu.crm.web.DisplayFormats;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The one-page summary sheet of a cycle: the same Thymeleaf template serves the print
 * page and, rendered to XHTML, the A4 portrait PDF (openhtmltopdf with the IPAex Gothic
 * TrueType font embedded as a subset, so the text stays searchable). Every text is cut to
 * a fixed length with an ellipsis and every list to a fixed count, and each block of the
 * page has a fixed height, so long input never adds a second page.
 */
@Component
class SummarySheet {

	static final String TEMPLATE = "cycles/summary";

	/** Debian's fonts-ipaexfont-gothic ({@code .ci/run} installs it). */
	static final Path FONT = Path.of("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf");

	static final String FONT_FAMILY = "IPAexGothic";

	static final int MAX_SCENARIOS = 4;

	static final int MAX_DECISIONS = 4;

	static final int MAX_KPIS = 4;

	static final int MAX_TRY = 5;

	static final int MAX_OTHER_CARDS = 3;

	private final ITemplateEngine templates;

	private final KptBoards boards;

	private final Segments segments;

	private final DisplayFormats formats;

	SummarySheet(ITemplateEngine templates, KptBoards boards, Segments segments, DisplayFormats formats) {
		this.templates = templates;
		this.boards = boards;
		this.segments = segments;
		this.formats = formats;
	}

	/** What the sheet shows, already cut to size. */
	record Sheet(CycleView cycle, String title, String hypothesis, String kgiName, @Nullable String segmentName,
			@Nullable SegmentCount segment, List<CycleView.LinkedScenario> scenarios, Map<Long, String> scenarioNames,
			List<Decision> decisions, List<Card> tries, List<Card> problems, List<Card> keeps) {
	}

	record Decision(String scenario, String decision, String reason) {
	}

	record Card(String text, int votes) {
	}

	/** The model of the sheet for the print page and the PDF. */
	Map<String, Object> model(CycleView cycle, String viewer) {
		Map<Long, String> names = new HashMap<>();
		cycle.scenarios().forEach((s) -> names.put(s.id(), cut(s.name(), 40)));
		List<KptCard> cards = this.boards.board(cycle.id(), viewer).cards();
		SegmentDetail segment = this.segments.find(cycle.segmentId()).orElse(null);
		SegmentCount count = (segment != null) ? this.segments.count(cycle.segmentId()).orElse(null) : null;
		List<Decision> decisions = cycle.decisions()
			.stream()
			.limit(MAX_DECISIONS)
			.map((d) -> new Decision(names.getOrDefault(d.scenarioId(), String.valueOf(d.scenarioId())),
					d.decision().name(), cut(d.reason(), 90)))
			.toList();
		Sheet sheet = new Sheet(cycle, cut(cycle.title(), 60), cut(cycle.hypothesis(), 260),
				cut(cycle.kgi().name(), 60), (segment != null) ? cut(segment.name(), 40) : null, count,
				cycle.scenarios().stream().limit(MAX_SCENARIOS).toList(),
				cycle.kpis().stream().limit(MAX_KPIS).toList(), names, decisions, cards(cards, KptColumn.TRY, MAX_TRY),
				cards(cards, KptColumn.PROBLEM, MAX_OTHER_CARDS), cards(cards, KptColumn.KEEP, MAX_OTHER_CARDS));
		Map<String, Object> model = new HashMap<>();
		model.put("sheet", sheet);
		model.put("fmt", this.formats);
		model.put("fontFamily", FONT_FAMILY);
		return model;
	}

	/** The sheet as a one-page A4 PDF. */
	byte[] pdf(CycleView cycle, String viewer, Locale locale) {
		Map<String, Object> model = model(cycle, viewer);
		model.put("pdf", true);
		String xhtml = this.templates.process(TEMPLATE, new Context(locale, model));
		if (!Files.isReadable(FONT)) {
			throw new IllegalStateException("The summary PDF needs the IPAex Gothic font at " + FONT
					+ " (Debian package fonts-ipaexfont-gothic, which .ci/run installs)");
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			PdfRendererBuilder builder = new PdfRendererBuilder();
			builder.useFastMode();
			builder.useFont(FONT.toFile(), FONT_FAMILY);
			builder.withHtmlContent(xhtml, null);
			builder.toStream(out);
			builder.run();
			return searchable(out.toByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<Card> cards(List<KptCard> cards, KptColumn column, int max) {
		return cards.stream()
			.filter((card) -> card.column() == column)
			.sorted(Comparator.comparingInt(KptCard::votes).reversed().thenComparingLong(KptCard::id))
			.limit(max)
			.map((card) -> new Card(cut(card.text(), 70), card.votes()))
			.toList();
	}

	/**
	 * The text on one line, at most {@code max} characters, ending with an ellipsis when
	 * cut.
	 */
	static String cut(@Nullable String text, int max) {
		if (text == null) {
			return "";
		}
		String line = text.replaceAll("\\s+", " ").strip();
		if (line.codePointCount(0, line.length()) <= max) {
			return line;
		}
		return line.substring(0, line.offsetByCodePoints(0, max - 1)) + "…";
	}

	private static final Pattern CHAR_BLOCK = Pattern.compile("\\d+\\s+beginbfchar(.*?)endbfchar", Pattern.DOTALL);

	private static final Pattern RANGE_BLOCK = Pattern.compile("\\d+\\s+beginbfrange(.*?)endbfrange", Pattern.DOTALL);

	private static final Pattern CHAR_ENTRY = Pattern.compile("<([0-9A-Fa-f]+)>\\s*<([0-9A-Fa-f]*)>");

	private static final Pattern RANGE_ENTRY = Pattern
		.compile("<([0-9A-Fa-f]+)>\\s*<([0-9A-Fa-f]+)>\\s*(?:<([0-9A-Fa-f]*)>|\\[([^\\]]*)])");

	/**
	 * Fixes the text layer: IPAex Gothic (like Noto CJK) maps some ideographs' glyphs
	 * from both the ideograph and a Kangxi radical (U+2F00–U+2FDF, or a CJK radical
	 * supplement U+2E80–U+2EFF), and PDFBox writes the lowest code point into the
	 * ToUnicode map, so copy and search would read ⽇ for 日. Each such mapping is replaced
	 * by its NFKC compatibility form, which is the ideograph.
	 */
	static byte[] searchable(byte[] pdf) throws IOException {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			boolean changed = false;
			for (PDPage page : document.getPages()) {
				PDResources resources = page.getResources();
				for (COSName name : resources.getFontNames()) {
					PDFont font = resources.getFont(name);
					if (font instanceof PDType0Font && font.getCOSObject()
						.getDictionaryObject(COSName.TO_UNICODE) instanceof COSStream stream) {
						String cmap;
						try (InputStream in = stream.createInputStream()) {
							cmap = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
						}
						String fixed = toUnicode(cmap);
						if (!fixed.equals(cmap)) {
							try (OutputStream out = stream.createOutputStream(COSName.FLATE_DECODE)) {
								out.write(fixed.getBytes(StandardCharsets.ISO_8859_1));
							}
							changed = true;
						}
					}
				}
			}
			if (!changed) {
				return pdf;
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out);
			return out.toByteArray();
		}
	}

	/** A ToUnicode CMap with radical code points replaced (see {@link #searchable}). */
	static String toUnicode(String cmap) {
		TreeMap<String, String> mappings = new TreeMap<>(
				Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
		boolean radicals = false;
		Matcher chars = CHAR_BLOCK.matcher(cmap);
		while (chars.find()) {
			Matcher entry = CHAR_ENTRY.matcher(chars.group(1));
			while (entry.find()) {
				mappings.put(entry.group(1).toUpperCase(Locale.ROOT), decode(entry.group(2)));
			}
		}
		Matcher ranges = RANGE_BLOCK.matcher(cmap);
		while (ranges.find()) {
			Matcher entry = RANGE_ENTRY.matcher(ranges.group(1));
			while (entry.find()) {
				int width = entry.group(1).length();
				int low = Integer.parseInt(entry.group(1), 16);
				int high = Integer.parseInt(entry.group(2), 16);
				List<String> targets = new ArrayList<>();
				if (entry.group(3) != null) {
					String start = decode(entry.group(3));
					for (int code = low; code <= high; code++) {
						char last = (char) (start.charAt(start.length() - 1) + (code - low));
						targets.add(start.substring(0, start.length() - 1) + last);
					}
				}
				else {
					Matcher item = Pattern.compile("<([0-9A-Fa-f]*)>").matcher(entry.group(4));
					while (item.find()) {
						targets.add(decode(item.group(1)));
					}
				}
				for (int code = low; code <= high && code - low < targets.size(); code++) {
					mappings.put(String.format("%0" + width + "X", code), targets.get(code - low));
				}
			}
		}
		for (Map.Entry<String, String> mapping : mappings.entrySet()) {
			String text = mapping.getValue();
			if (text.codePoints().anyMatch(SummarySheet::radical)) {
				mapping.setValue(Normalizer.normalize(text, Normalizer.Form.NFKC));
				radicals = true;
			}
		}
		if (!radicals) {
			return cmap;
		}
		String rest = RANGE_BLOCK.matcher(CHAR_BLOCK.matcher(cmap).replaceAll("")).replaceAll("");
		StringBuilder blocks = new StringBuilder();
		List<Map.Entry<String, String>> entries = new ArrayList<>(mappings.entrySet());
		for (int from = 0; from < entries.size(); from += 100) {
			List<Map.Entry<String, String>> chunk = entries.subList(from, Math.min(entries.size(), from + 100));
			blocks.append(chunk.size()).append(" beginbfchar\n");
			for (Map.Entry<String, String> entry : chunk) {
				blocks.append('<').append(entry.getKey()).append("> <").append(encode(entry.getValue())).append(">\n");
			}
			blocks.append("endbfchar\n");
		}
		int end = rest.lastIndexOf("endcmap");
		return rest.substring(0, end) + blocks + rest.substring(end);
	}

	private static boolean radical(int codePoint) {
		return (codePoint >= 0x2E80 && codePoint <= 0x2EFF) || (codePoint >= 0x2F00 && codePoint <= 0x2FDF);
	}

	private static String decode(String hex) {
		byte[] bytes = new byte[hex.length() / 2];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
		}
		return new String(bytes, StandardCharsets.UTF_16BE);
	}

	private static String encode(String text) {
		StringBuilder hex = new StringBuilder();
		for (byte b : text.getBytes(StandardCharsets.UTF_16BE)) {
			hex.append(String.format("%02X", b & 0xFF));
		}
		return hex.toString();
	}

}
