package io.seestack;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The value semantics of {@link User} and its builder: copies, custom data, immutability. */
class UserTests {

	@Test
	void userWithoutDataHasAnEmptyUnmodifiableMap() {
		User user = User.builder().id("ada").ip("203.0.113.9").build();

		assertThat(user.data()).isEmpty();
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> user.data().put("k", "v"));
	}

	@Test
	void dataKeepsItsOrderIgnoresNullKeysAndCannotBeChangedAfterBuild() {
		User.Builder builder = User.builder().id("ada").data("plan", "pro").data(null, "ignored").data("seats", 3);
		User user = builder.build();
		builder.data("later", "not in the built user");

		assertThat(user.data()).containsExactly(entry("plan", "pro"), entry("seats", 3));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> user.data().clear());
	}

	@Test
	void toBuilderCopiesEveryFieldAndTheDataWithoutChangingTheOriginal() {
		User original = User.builder()
			.id("ada")
			.email("ada@example.com")
			.ip("203.0.113.9")
			.username("ada.l")
			.token("tok_secret")
			.data("plan", "pro")
			.build();

		User copy = original.toBuilder().build();
		User changed = original.toBuilder().email(null).data("tenant", "acme").build();

		assertThat(copy).isEqualTo(original).hasSameHashCodeAs(original);
		assertThat(changed.email()).isNull();
		assertThat(changed.id()).isEqualTo("ada");
		assertThat(changed.data()).containsExactly(entry("plan", "pro"), entry("tenant", "acme"));
		assertThat(original.email()).isEqualTo("ada@example.com");
		assertThat(original.data()).containsExactly(entry("plan", "pro"));
	}

	private static Map.Entry<String, Object> entry(String key, Object value) {
		return Map.entry(key, value);
	}

}
