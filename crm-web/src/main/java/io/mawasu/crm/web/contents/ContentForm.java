package io.mawasu.crm.web.contents;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.mawasu.crm.delivery.Content;
import io.mawasu.crm.delivery.ContentRequest;
import io.mawasu.crm.delivery.ContentVariant;
import io.mawasu.crm.domain.consent.Channel;
import org.jspecify.annotations.Nullable;

/**
 * The content editor's form: one section per channel (only the chosen channel's fields
 * are sent on), LINE's five message boxes and the variants B, C, … with their weights.
 * Blank LINE boxes are dropped; {@link #formField} maps a field path of the request back
 * to the box the user typed in.
 */
public class ContentForm {

	static final int LINE_MESSAGES = 5;

	private String name = "";

	private String channel = Channel.EMAIL.name();

	private String subject = "";

	private String html = "";

	private String text = "";

	private String sms = "";

	private List<String> messages = new ArrayList<>(blankMessages());

	private List<VariantForm> variants = new ArrayList<>();

	/** Indexes into {@link #messages} of the boxes sent on, in order. */
	private final List<Integer> sentMessages = new ArrayList<>();

	public static class VariantForm {

		private String key = "";

		private String subject = "";

		private String body = "";

		private String text = "";

		private @Nullable Integer weight;

		public String getKey() {
			return this.key;
		}

		public void setKey(@Nullable String key) {
			this.key = (key != null) ? key : "";
		}

		public String getSubject() {
			return this.subject;
		}

		public void setSubject(@Nullable String subject) {
			this.subject = (subject != null) ? subject : "";
		}

		public String getBody() {
			return this.body;
		}

		public void setBody(@Nullable String body) {
			this.body = (body != null) ? body : "";
		}

		public String getText() {
			return this.text;
		}

		public void setText(@Nullable String text) {
			this.text = (text != null) ? text : "";
		}

		public @Nullable Integer getWeight() {
			return this.weight;
		}

		public void setWeight(@Nullable Integer weight) {
			this.weight = weight;
		}

	}

	static ContentForm of(Content content) {
		ContentForm form = new ContentForm();
		form.setName(content.name());
		form.setChannel(content.channel().name());
		for (ContentVariant variant : content.variants()) {
			if (variant.key().equals("A")) {
				form.setSubject(variant.subject());
				form.setText(variant.text());
				switch (content.channel()) {
					case EMAIL -> form.setHtml(variant.body());
					case SMS -> form.setSms(variant.body());
					case LINE -> {
						List<String> boxes = new ArrayList<>(variant.messages());
						while (boxes.size() < LINE_MESSAGES) {
							boxes.add("");
						}
						form.setMessages(boxes);
					}
				}
			}
			else {
				VariantForm row = new VariantForm();
				row.setKey(variant.key());
				row.setSubject(variant.subject());
				row.setBody((content.channel() == Channel.LINE && !variant.messages().isEmpty())
						? variant.messages().get(0) : variant.body());
				row.setText(variant.text());
				row.setWeight(variant.weight());
				form.getVariants().add(row);
			}
		}
		return form;
	}

	/** The request for {@code Contents}, with only the chosen channel's fields. */
	ContentRequest toRequest() {
		Channel chosen = chosenChannel();
		this.sentMessages.clear();
		List<String> lineMessages = null;
		if (chosen == Channel.LINE) {
			lineMessages = new ArrayList<>();
			for (int i = 0; i < this.messages.size(); i++) {
				if (!this.messages.get(i).isBlank()) {
					lineMessages.add(this.messages.get(i));
					this.sentMessages.add(i);
				}
			}
		}
		String body = (chosen == Channel.EMAIL) ? this.html : (chosen == Channel.SMS) ? this.sms : null;
		boolean email = chosen == Channel.EMAIL;
		List<ContentRequest.Variant> requestVariants = this.variants.stream()
			.map((v) -> new ContentRequest.Variant(blankToNull(v.getKey()), email ? blankToNull(v.getSubject()) : null,
					blankToNull(v.getBody()), email ? blankToNull(v.getText()) : null, null, v.getWeight()))
			.toList();
		return new ContentRequest(blankToNull(this.name), chosen, email ? blankToNull(this.subject) : null,
				blankToNull(body), email ? blankToNull(this.text) : null, lineMessages, requestVariants);
	}

	/**
	 * The form field a request field path names: {@code body} becomes the chosen
	 * channel's box, {@code messages[1]} the LINE box it came from.
	 */
	String formField(String path) {
		Channel chosen = chosenChannel();
		if (path.equals("body") && chosen != null) {
			return (chosen == Channel.SMS) ? "sms" : (chosen == Channel.LINE) ? "messages[0]" : "html";
		}
		if (path.startsWith("messages[")) {
			int end = path.indexOf(']');
			try {
				int index = Integer.parseInt(path.substring("messages[".length(), end));
				if (index >= 0 && index < this.sentMessages.size()) {
					return "messages[" + this.sentMessages.get(index) + "]" + path.substring(end + 1);
				}
			}
			catch (RuntimeException ex) {
				return path;
			}
		}
		return path;
	}

	@Nullable Channel chosenChannel() {
		try {
			return Channel.valueOf(this.channel.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	private static List<String> blankMessages() {
		List<String> boxes = new ArrayList<>();
		for (int i = 0; i < LINE_MESSAGES; i++) {
			boxes.add("");
		}
		return boxes;
	}

	public String getName() {
		return this.name;
	}

	public void setName(@Nullable String name) {
		this.name = (name != null) ? name : "";
	}

	public String getChannel() {
		return this.channel;
	}

	public void setChannel(@Nullable String channel) {
		this.channel = (channel != null) ? channel : "";
	}

	public String getSubject() {
		return this.subject;
	}

	public void setSubject(@Nullable String subject) {
		this.subject = (subject != null) ? subject : "";
	}

	public String getHtml() {
		return this.html;
	}

	public void setHtml(@Nullable String html) {
		this.html = (html != null) ? html : "";
	}

	public String getText() {
		return this.text;
	}

	public void setText(@Nullable String text) {
		this.text = (text != null) ? text : "";
	}

	public String getSms() {
		return this.sms;
	}

	public void setSms(@Nullable String sms) {
		this.sms = (sms != null) ? sms : "";
	}

	public List<String> getMessages() {
		return this.messages;
	}

	public void setMessages(@Nullable List<String> messages) {
		List<String> boxes = new ArrayList<>();
		if (messages != null) {
			messages.forEach((m) -> boxes.add((m != null) ? m : ""));
		}
		while (boxes.size() < LINE_MESSAGES) {
			boxes.add("");
		}
		this.messages = boxes;
	}

	public List<VariantForm> getVariants() {
		return this.variants;
	}

	public void setVariants(@Nullable List<VariantForm> variants) {
		this.variants = (variants != null) ? new ArrayList<>(variants) : new ArrayList<>();
	}

}
