package io.mawasu.crm.web.cycles;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mawasu.crm.analytics.KptBoards;
import io.mawasu.crm.web.TestUsers;
import io.mawasu.crm.web.security.Role;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The one-page summary: one A4 portrait page, the Japanese font embedded, the text
 * searchable as the ideographs themselves (no Kangxi radicals), and still one page with
 * huge texts.
 */
class SummarySheetTests extends CycleTestSupport {

	@Autowired
	KptBoards boards;

	byte[] pdf(long id) throws Exception {
		return this.mvc
			.perform(get("/api/cycles/{id}/summary.pdf", id).with(TestUsers.basic(Role.ANALYST))
				.header("Accept-Language", "ja"))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_PDF))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
	}

	@Test
	void isOneSearchableA4PageWithTheJapaneseFontEmbedded() throws Exception {
		long id = createCycle(this.fixtures.body(this.fixtures.emailScenarioId));
		this.boards.addCard(id, "TRY", "日本語の件名を短くする", "analyst");
		this.boards.addCard(id, "KEEP", "毎週の見直し", "marketer");
		try (PDDocument pdf = Loader.loadPDF(pdf(id))) {
			assertThat(pdf.getNumberOfPages()).isEqualTo(1);
			PDRectangle size = pdf.getPage(0).getMediaBox();
			assertThat(size.getWidth()).isCloseTo(PDRectangle.A4.getWidth(), org.assertj.core.data.Offset.offset(1f));
			assertThat(size.getHeight()).isCloseTo(PDRectangle.A4.getHeight(), org.assertj.core.data.Offset.offset(1f));
			PDFont font = pdf.getPage(0)
				.getResources()
				.getFont(pdf.getPage(0).getResources().getFontNames().iterator().next());
			assertThat(font.getName()).contains("IPAexGothic");
			assertThat(font.isEmbedded()).isTrue();
			String text = new PDFTextStripper().getText(pdf);
			assertThat(text).contains("秋のF2施策", "購入後3日以内のフォローでF2転換が上がる", "日本語の件名を短くする", "毎週の見直し", "marketer",
					"manager");
			assertThat(text.codePoints().filter((c) -> c >= 0x2E80 && c <= 0x2FDF).count())
				.as("no Kangxi or CJK radical stands for an ideograph in the text layer")
				.isZero();
			assertThat(text.indexOf("日本語の件名を短くする")).as("Try before Keep").isLessThan(text.indexOf("毎週の見直し"));
		}
	}

	@Test
	void staysOnePageWithHugeTextsShortenedWithAnEllipsis() throws Exception {
		String huge = "長い仮説の文章です。".repeat(390);
		long id = createCycle(this.fixtures.body(this.fixtures.emailScenarioId)
			.replace("購入後3日以内のフォローでF2転換が上がる", huge)
			.replace("\"title\":\"秋のF2施策\"", "\"title\":\"" + "題".repeat(200) + "\""));
		for (int i = 0; i < 30; i++) {
			this.boards.addCard(id, (i % 3 == 0) ? "TRY" : (i % 3 == 1) ? "PROBLEM" : "KEEP",
					"カード" + i + "番 " + "あ".repeat(990), "analyst");
		}
		try (PDDocument pdf = Loader.loadPDF(pdf(id))) {
			assertThat(pdf.getNumberOfPages()).isEqualTo(1);
			String text = new PDFTextStripper().getText(pdf);
			assertThat(text).contains("…");
			assertThat(text).doesNotContain(huge);
		}
		// the print page is a page (form login), so a signed-in user rather than HTTP
		// Basic
		this.mvc
			.perform(get("/cycles/{id}/summary", id).with(
					org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user("a")
						.roles("ANALYST")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("summary.pdf")));
	}

	@Test
	void mapsKangxiRadicalsInTheToUnicodeMapToTheirIdeographs() {
		String cmap = """
				/CIDInit /ProcSet findresource begin
				begincmap
				1 begincodespacerange
				<0000> <FFFF>
				endcodespacerange
				2 beginbfchar
				<0003> <2F47>
				<0004> <0041>
				endbfchar
				1 beginbfrange
				<0010> <0011> <2F00>
				endbfrange
				endcmap
				""";
		String fixed = SummarySheet.toUnicode(cmap);
		Matcher entry = Pattern.compile("<0003> <([0-9A-F]+)>").matcher(fixed);
		assertThat(entry.find()).isTrue();
		assertThat(entry.group(1)).as("⽇ U+2F47 → 日 U+65E5").isEqualTo("65E5");
		assertThat(fixed).contains("<0004> <0041>", "<0010> <4E00>", "<0011> <4E28>").doesNotContain("beginbfrange");
	}

}
