package io.seestack.internal;

/**
 * An error message with what varies between occurrences of one error taken out: every word made of digits and
 * hexadecimal letters with a digit in it (numbers, UUIDs, hashes, object ids) becomes {@code #}, and so does every
 * run of digits in any other word ({@code user-42} becomes {@code user-#}). "Order 1234 not found for 3f2a-..." and
 * "Order 99 not found for 7c1e-..." have one shape; "Order not found" and "Payment declined" keep theirs. One pass,
 * no regular expression: it runs on the caller's thread for every error.
 */
final class MessageShape {

	private MessageShape() {
	}

	static String of(String message, int maxLength) {
		int length = Math.min(message.length(), maxLength);
		if (!hasDigit(message, length)) {
			return (length == message.length()) ? message : message.substring(0, length);
		}
		StringBuilder shape = new StringBuilder(length);
		int i = 0;
		while (i < length) {
			int end = wordEnd(message, i, length);
			if (end == i) {
				shape.append(message.charAt(i++));
			}
			else if (isVarying(message, i, end)) {
				shape.append('#');
				i = end;
			}
			else {
				for (; i < end; i++) {
					char c = message.charAt(i);
					if (!isDigit(c)) {
						shape.append(c);
					}
					else if (i == 0 || !isDigit(message.charAt(i - 1))) {
						shape.append('#');
					}
				}
			}
		}
		return shape.toString();
	}

	private static boolean hasDigit(String message, int length) {
		for (int i = 0; i < length; i++) {
			if (isDigit(message.charAt(i))) {
				return true;
			}
		}
		return false;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	/** The end of the word of letters, digits, hyphens and underscores at {@code start}; {@code start} if none. */
	private static int wordEnd(String message, int start, int length) {
		int end = start;
		while (end < length && isWordChar(message.charAt(end))) {
			end++;
		}
		return end;
	}

	private static boolean isWordChar(char c) {
		return Character.isLetterOrDigit(c) || c == '-' || c == '_';
	}

	/** A word with a digit in it, made only of digits, hexadecimal letters, hyphens and underscores. */
	private static boolean isVarying(String message, int start, int end) {
		boolean digit = false;
		for (int i = start; i < end; i++) {
			char c = message.charAt(i);
			if (isDigit(c)) {
				digit = true;
			}
			else if (!((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '-' || c == '_')) {
				return false;
			}
		}
		return digit;
	}

}
