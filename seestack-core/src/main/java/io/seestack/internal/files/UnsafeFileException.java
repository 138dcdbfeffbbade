package io.seestack.internal.files;

import java.io.IOException;
import java.nio.file.Path;

/** A file or directory the SDK will not write to, and why. */
public final class UnsafeFileException extends IOException {

	private static final long serialVersionUID = 1L;

	UnsafeFileException(Path path, String reason) {
		super("SeeStack will not write to " + path + ": " + reason
				+ ". Remove it, or choose a directory that only this user can write to.");
	}

}
