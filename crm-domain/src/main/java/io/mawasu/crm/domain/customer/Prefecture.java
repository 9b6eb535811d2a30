package io.mawasu.crm.domain.customer;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/**
 * The 47 prefectures of Japan in the official order of JIS X 0401 (01 北海道 … 47 沖縄県), with
 * their Japanese and English names. Customers store the Japanese name.
 */
public enum Prefecture {

	HOKKAIDO("01", "北海道", "Hokkaido"), AOMORI("02", "青森県", "Aomori"), IWATE("03", "岩手県", "Iwate"),
	MIYAGI("04", "宮城県", "Miyagi"), AKITA("05", "秋田県", "Akita"), YAMAGATA("06", "山形県", "Yamagata"),
	FUKUSHIMA("07", "福島県", "Fukushima"), IBARAKI("08", "茨城県", "Ibaraki"), TOCHIGI("09", "栃木県", "Tochigi"),
	GUNMA("10", "群馬県", "Gunma"), SAITAMA("11", "埼玉県", "Saitama"), CHIBA("12", "千葉県", "Chiba"),
	TOKYO("13", "東京都", "Tokyo"), KANAGAWA("14", "神奈川県", "Kanagawa"), NIIGATA("15", "新潟県", "Niigata"),
	TOYAMA("16", "富山県", "Toyama"), ISHIKAWA("17", "石川県", "Ishikawa"), FUKUI("18", "福井県", "Fukui"),
	YAMANASHI("19", "山梨県", "Yamanashi"), NAGANO("20", "長野県", "Nagano"), GIFU("21", "岐阜県", "Gifu"),
	SHIZUOKA("22", "静岡県", "Shizuoka"), AICHI("23", "愛知県", "Aichi"), MIE("24", "三重県", "Mie"),
	SHIGA("25", "滋賀県", "Shiga"), KYOTO("26", "京都府", "Kyoto"), OSAKA("27", "大阪府", "Osaka"), HYOGO("28", "兵庫県", "Hyogo"),
	NARA("29", "奈良県", "Nara"), WAKAYAMA("30", "和歌山県", "Wakayama"), TOTTORI("31", "鳥取県", "Tottori"),
	SHIMANE("32", "島根県", "Shimane"), OKAYAMA("33", "岡山県", "Okayama"), HIROSHIMA("34", "広島県", "Hiroshima"),
	YAMAGUCHI("35", "山口県", "Yamaguchi"), TOKUSHIMA("36", "徳島県", "Tokushima"), KAGAWA("37", "香川県", "Kagawa"),
	EHIME("38", "愛媛県", "Ehime"), KOCHI("39", "高知県", "Kochi"), FUKUOKA("40", "福岡県", "Fukuoka"),
	SAGA("41", "佐賀県", "Saga"), NAGASAKI("42", "長崎県", "Nagasaki"), KUMAMOTO("43", "熊本県", "Kumamoto"),
	OITA("44", "大分県", "Oita"), MIYAZAKI("45", "宮崎県", "Miyazaki"), KAGOSHIMA("46", "鹿児島県", "Kagoshima"),
	OKINAWA("47", "沖縄県", "Okinawa");

	/**
	 * Orders prefecture names (as customers store them) in JIS order; names that are no
	 * prefecture come after, alphabetically.
	 */
	public static final Comparator<String> BY_JIS_ORDER = Comparator
		.comparingInt((String name) -> ofName(name).map(Enum::ordinal).orElse(Integer.MAX_VALUE))
		.thenComparing(Comparator.naturalOrder());

	private final String code;

	private final String nameJa;

	private final String nameEn;

	Prefecture(String code, String nameJa, String nameEn) {
		this.code = code;
		this.nameJa = nameJa;
		this.nameEn = nameEn;
	}

	/** The two-digit JIS X 0401 code, {@code 01} to {@code 47}. */
	public String code() {
		return this.code;
	}

	/** The Japanese name, as stored on customers (北海道, 東京都 …). */
	public String nameJa() {
		return this.nameJa;
	}

	public String nameEn() {
		return this.nameEn;
	}

	/** The name in a language: Japanese for {@code ja}, English otherwise. */
	public String name(String language) {
		return "ja".equals(language) ? this.nameJa : this.nameEn;
	}

	public static Optional<Prefecture> ofName(String name) {
		return Arrays.stream(values()).filter((p) -> p.nameJa.equals(name)).findFirst();
	}

}
