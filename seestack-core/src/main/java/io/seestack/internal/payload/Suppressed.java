package io.seestack.internal.payload;

/**
 * What the rate limit held back before an error that it let through, carried in that error's metadata.
 * @param errors errors of the same kind held back
 * @param users users beyond those named on sent errors of that kind, among the held-back errors
 * @param ofOtherKinds errors held back of kinds forgotten before they could report them (the kinds table is bounded)
 */
public record Suppressed(long errors, long users, long ofOtherKinds) {

	/** Nothing held back. */
	public static final Suppressed NONE = new Suppressed(0, 0, 0);

}
