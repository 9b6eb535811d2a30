package io.mawasu.crm.domain.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * A customer as the source systems know it, identified by its external id.
 */
@Entity
@Table(schema = "domain", name = "customer")
public class Customer {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private @Nullable Long id;

	@Column(name = "external_id", nullable = false, updatable = false)
	private String externalId;

	private @Nullable String name;

	private @Nullable String email;

	private @Nullable String phone;

	/** The phone in E.164, kept in step with {@link #phone} by {@link #setPhone}. */
	@Column(name = "phone_e164")
	private @Nullable String phoneE164;

	@Column(name = "line_user_id")
	private @Nullable String lineUserId;

	@Enumerated(EnumType.STRING)
	@JdbcTypeCode(SqlTypes.CHAR)
	private @Nullable Gender gender;

	@Column(name = "birth_date")
	private @Nullable LocalDate birthDate;

	private @Nullable String prefecture;

	private @Nullable String city;

	@JdbcTypeCode(SqlTypes.ARRAY)
	private List<String> tags = new ArrayList<>();

	@Column(name = "registered_at")
	private @Nullable Instant registeredAt;

	private boolean blacklisted;

	@Version
	private long version;

	protected Customer() {
		this.externalId = "";
	}

	public Customer(String externalId) {
		this.externalId = externalId;
	}

	public @Nullable Long getId() {
		return this.id;
	}

	public String getExternalId() {
		return this.externalId;
	}

	public @Nullable String getName() {
		return this.name;
	}

	public void setName(@Nullable String name) {
		this.name = name;
	}

	public @Nullable String getEmail() {
		return this.email;
	}

	public void setEmail(@Nullable String email) {
		this.email = email;
	}

	public @Nullable String getPhone() {
		return this.phone;
	}

	/** Sets the phone as given and its E.164 form (null when it is not a number). */
	public void setPhone(@Nullable String phone) {
		this.phone = phone;
		this.phoneE164 = (phone != null) ? PhoneNumbers.e164(phone).orElse(null) : null;
	}

	/** The phone in E.164 ({@code +819012345678}); null without a usable phone. */
	public @Nullable String getPhoneE164() {
		return this.phoneE164;
	}

	public @Nullable String getLineUserId() {
		return this.lineUserId;
	}

	public void setLineUserId(@Nullable String lineUserId) {
		this.lineUserId = lineUserId;
	}

	public @Nullable Gender getGender() {
		return this.gender;
	}

	public void setGender(@Nullable Gender gender) {
		this.gender = gender;
	}

	public @Nullable LocalDate getBirthDate() {
		return this.birthDate;
	}

	public void setBirthDate(@Nullable LocalDate birthDate) {
		this.birthDate = birthDate;
	}

	public @Nullable String getPrefecture() {
		return this.prefecture;
	}

	public void setPrefecture(@Nullable String prefecture) {
		this.prefecture = prefecture;
	}

	public @Nullable String getCity() {
		return this.city;
	}

	public void setCity(@Nullable String city) {
		this.city = city;
	}

	public List<String> getTags() {
		return List.copyOf(this.tags);
	}

	public void setTags(List<String> tags) {
		this.tags = new ArrayList<>(tags);
	}

	public @Nullable Instant getRegisteredAt() {
		return this.registeredAt;
	}

	public void setRegisteredAt(@Nullable Instant registeredAt) {
		this.registeredAt = registeredAt;
	}

	public boolean isBlacklisted() {
		return this.blacklisted;
	}

	public void setBlacklisted(boolean blacklisted) {
		this.blacklisted = blacklisted;
	}

}
