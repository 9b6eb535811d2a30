package io.mawasu.crm.domain.customer;

/**
 * Gender as the source systems record it: female, male, other.
 */
public enum Gender {

	F, M, O

}
