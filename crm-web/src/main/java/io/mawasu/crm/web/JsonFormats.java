package io.mawasu.crm.web;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Data for a page's script as JSON in a {@code data-*} attribute (escaped by Thymeleaf),
 * so pages need no inline scripts. Controllers put the JSON in the model
 * ({@code th:data-chart="${chartJson}"}): Thymeleaf does not call beans in {@code data-*}
 * attributes.
 */
@Component
public class JsonFormats {

	private final JsonMapper json;

	JsonFormats(JsonMapper json) {
		this.json = json;
	}

	public String write(Object value) {
		return this.json.writeValueAsString(value);
	}

}
