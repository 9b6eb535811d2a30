package io.mawasu.crm.web.demo;

import java.util.List;

import io.mawasu.crm.delivery.ContentRequest;
import io.mawasu.crm.delivery.Contents;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.scenario.Scenarios;
import io.mawasu.crm.segmentation.SegmentRule;
import io.mawasu.crm.segmentation.Segments;

import org.springframework.stereotype.Component;

/**
 * The Do of the demo: an F2 follow-up as a marketer would set it up — a segment of recent
 * one-time buyers reachable by email, an email and a LINE content, and a DRAFT scenario
 * (email, wait three days, LINE to those who did not open). It stays a draft: nothing is
 * sent until someone test-sends and activates it.
 */
@Component
class DemoCampaign {

	private static final String ACTOR = "demo";

	private final Segments segments;

	private final Contents contents;

	private final Scenarios scenarios;

	DemoCampaign(Segments segments, Contents contents, Scenarios scenarios) {
		this.segments = segments;
		this.contents = contents;
		this.scenarios = scenarios;
	}

	/** Creates the segment, contents and draft scenario; returns the scenario's id. */
	long seed() {
		long segment = this.segments.create("F2候補: 直近60日の初回購入者", SegmentRule.parse("""
				{"all":[{"field":"frequency","op":"eq","value":1},{"field":"recencyDays","op":"lte","value":60},
				        {"field":"consent","op":"eq","value":"EMAIL"}]}"""), ACTOR);
		long email = this.contents.create(new ContentRequest("F2 フォローメール", Channel.EMAIL, "{{name|お客様}}、ご購入ありがとうございました",
				"<p>{{name|お客様}} 様</p><p>先日はご購入ありがとうございました。{{prefecture|}}のお客様に人気の商品をご紹介します。</p>"
						+ "<p><a href=\"https://shop.example.com/recommend\">おすすめを見る</a></p>",
				null, null,
				List.of(new ContentRequest.Variant("B", "次のお買い物で使える特典のご案内",
						"<p>{{name|お客様}} 様</p><p>2回目のお買い物に使える特典をご用意しました。</p>"
								+ "<p><a href=\"https://shop.example.com/coupon\">特典を受け取る</a></p>",
						null, null, 50))),
				ACTOR);
		long line = this.contents.create(
				new ContentRequest("F2 フォローLINE", Channel.LINE, null, null, null,
						List.of("{{name|お客様}}さん、先日はありがとうございました！", "おすすめはこちら https://shop.example.com/recommend"), null),
				ACTOR);
		return this.scenarios.create("""
				{"name":"F2 フォロー (デモ)","segmentId":%d,"priority":10,"controlPercent":10,
				 "frequencyCap":{"max":3,"days":7},"goal":{"type":"PURCHASE","withinDays":14},
				 "exitAfterUnansweredSends":2,"quietHours":{"from":"21:00","to":"09:00"},
				 "steps":[{"key":"s1","type":"SEND","channel":"EMAIL","contentId":%d,"next":"w1"},
				          {"key":"w1","type":"WAIT","duration":"P3D","next":"b1"},
				          {"key":"b1","type":"BRANCH","if":{"opened":"s1"},"then":"x","else":"s2"},
				          {"key":"s2","type":"SEND","channel":"LINE","contentId":%d,"next":"x"},
				          {"key":"x","type":"EXIT"}]}""".formatted(segment, email, line), ACTOR);
	}

}
