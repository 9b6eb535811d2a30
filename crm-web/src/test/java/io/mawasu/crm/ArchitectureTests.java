package io.mawasu.crm;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.data.repository.Repository;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.conditions.ArchPredicates.are;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;

/**
 * STYLE.md §8: UI types stay in crm-web, and only crm-domain writes crm-domain's
 * aggregates.
 */
@AnalyzeClasses(packagesOf = CrmApplication.class, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	// RestClient (org.springframework.web.client) is an HTTP client, not UI: crm-delivery
	// calls the LINE and SMS APIs with it (STYLE.md §1).
	@ArchTest
	static final ArchRule uiStaysInWeb = noClasses().that()
		.resideOutsideOfPackage("io.mawasu.crm.web..")
		.should()
		.dependOnClassesThat(
				resideInAnyPackage("org.springframework.web..", "org.springframework.ui..", "org.thymeleaf..")
					.and(not(resideInAPackage("org.springframework.web.client.."))));

	@ArchTest
	static final ArchRule onlyDomainWritesDomain = noClasses().that()
		.resideOutsideOfPackage("io.mawasu.crm.domain..")
		.should()
		.callMethodWhere(target(owner(assignableTo(Repository.class))).and(target(nameMatching("(save|delete).*"))))
		.allowEmptyShould(true);

	@ArchTest
	static final ArchRule lowerModulesNeverUseHigherOnes = noClasses().that()
		.resideInAnyPackage("io.mawasu.crm.domain..", "io.mawasu.crm.segmentation..", "io.mawasu.crm.delivery..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.mawasu.crm.scenario..", "io.mawasu.crm.analytics..", "io.mawasu.crm.web..")
		.allowEmptyShould(true);

	// One Clock for all time: "now" comes from the Clock bean (crm-domain's
	// ClockAutoConfiguration), never from the system clock directly, so tests can move
	// time instead of sleeping.
	@ArchTest
	static final ArchRule timeComesFromTheClockBean = noClasses().that()
		.areNotAnnotatedWith(AutoConfiguration.class)
		// crm-domain's test-jar (throwaway test databases) is on this classpath, not in
		// production
		.and()
		.resideOutsideOfPackage("io.mawasu.crm.testing..")
		.should()
		.callMethod(Instant.class, "now")
		.orShould()
		.callMethod(LocalDate.class, "now")
		.orShould()
		.callMethod(LocalDate.class, "now", ZoneId.class)
		.orShould()
		.callMethod(LocalDateTime.class, "now")
		.orShould()
		.callMethod(LocalTime.class, "now")
		.orShould()
		.callMethod(OffsetDateTime.class, "now")
		.orShould()
		.callMethod(ZonedDateTime.class, "now")
		.orShould()
		.callMethod(ZonedDateTime.class, "now", ZoneId.class)
		.orShould()
		.callMethod(YearMonth.class, "now")
		.orShould()
		.callMethod(YearMonth.class, "now", ZoneId.class)
		.orShould()
		.callMethod(Clock.class, "systemUTC")
		.orShould()
		.callMethod(Clock.class, "systemDefaultZone");

}
