package io.mawasu.crm.web.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * Who may read the OpenAPI document and Swagger UI ({@code crm.api-docs.*}).
 *
 * @param publicAccess {@code crm.api-docs.public}: true opens {@code /v3/api-docs} and
 * Swagger UI to anyone; by default they need a login (a session or HTTP Basic)
 */
@ConfigurationProperties("crm.api-docs")
public record ApiDocsProperties(@Name("public") @DefaultValue("false") boolean publicAccess) {

}
