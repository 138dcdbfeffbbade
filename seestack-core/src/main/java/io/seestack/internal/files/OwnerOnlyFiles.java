package io.seestack.internal.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Directories and files that only the user running the process can read: created {@code 0700} and {@code 0600}
 * where the file system has POSIX permissions, never reached through a symbolic link, and refused when someone
 * else owns them. What the SDK writes holds user ids, emails and IP addresses; on a shared host another local user
 * must neither read it nor, by planting a link or a directory first, make the SDK write where they choose.
 */
public final class OwnerOnlyFiles {

	private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

	private static final Set<OpenOption> CREATE_NEW = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
			LinkOption.NOFOLLOW_LINKS);

	private static final Set<OpenOption> APPEND = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
			StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);

	private OwnerOnlyFiles() {
	}

	/**
	 * Creates a directory, and any missing parent, for the process owner only; an existing one must be a real
	 * directory (not a link) of that owner, and is left as it is otherwise (it may be the application's own).
	 * @param directory the directory
	 * @return the directory, absolute
	 * @throws UnsafeFileException if it is a link or someone else's
	 * @throws IOException if it cannot be created
	 */
	public static Path directory(Path directory) throws IOException {
		Path absolute = directory.toAbsolutePath();
		if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
			Path parent = absolute.getParent();
			if (parent != null && !Files.isDirectory(parent)) {
				directory(parent);
			}
			try {
				Files.createDirectory(absolute, ownerOnly(absolute, OWNER_DIRECTORY));
			}
			catch (FileAlreadyExistsException raced) {
				// Created meanwhile, by us or by someone else: checked below like any existing one.
			}
		}
		if (Files.isSymbolicLink(absolute)) {
			throw new UnsafeFileException(absolute, "it is a symbolic link");
		}
		if (!Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
			throw new UnsafeFileException(absolute, "it is not a directory");
		}
		checkOwner(absolute);
		return absolute;
	}

	/**
	 * Opens a file to append to, creating it for the process owner only; never through a symbolic link, never one
	 * that someone else owns. Its directory is made safe first.
	 * @param file the file
	 * @return a stream that appends to it
	 * @throws UnsafeFileException if the file or its directory is a link or someone else's
	 * @throws IOException if it cannot be opened
	 */
	public static OutputStream append(Path file) throws IOException {
		Path absolute = file.toAbsolutePath();
		Path parent = absolute.getParent();
		if (parent != null) {
			directory(parent);
		}
		if (Files.isSymbolicLink(absolute)) {
			throw new UnsafeFileException(absolute, "it is a symbolic link");
		}
		OutputStream out = Channels
			.newOutputStream(Files.newByteChannel(absolute, APPEND, ownerOnly(absolute, OWNER_FILE)));
		try {
			checkOwner(absolute);
			restrict(absolute);
			return out;
		}
		catch (IOException ex) {
			out.close();
			throw ex;
		}
	}

	/**
	 * Writes a whole file for the process owner only, atomically: a reader sees all of it or none of it. The
	 * directory must be one that {@link #directory(Path)} made safe.
	 * @param file the file, which must not exist yet
	 * @param content its bytes
	 * @throws IOException if it cannot be written
	 */
	public static void writeNew(Path file, byte[] content) throws IOException {
		Path absolute = file.toAbsolutePath();
		Path partial = absolute.resolveSibling("." + absolute.getFileName() + ".partial");
		try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(partial, CREATE_NEW,
				ownerOnly(partial, OWNER_FILE)))) {
			out.write(content);
		}
		try {
			Files.move(partial, absolute, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			Files.deleteIfExists(partial);
			throw ex;
		}
	}

	private static void checkOwner(Path path) throws IOException {
		UserPrincipal owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS);
		UserPrincipal self = processOwner(path);
		if (self != null && !self.equals(owner)) {
			throw new UnsafeFileException(path, "it belongs to " + owner.getName() + ", not to " + self.getName());
		}
	}

	/** A file of ours that an older version, or a hand, left readable by others: ours alone from now on. */
	private static void restrict(Path file) throws IOException {
		PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class,
				LinkOption.NOFOLLOW_LINKS);
		if (posix != null && !posix.readAttributes().permissions().equals(OWNER_FILE)) {
			posix.setPermissions(OWNER_FILE);
		}
	}

	/** The user running the process, or {@code null} where its name is unknown to the system (no passwd entry). */
	private static @Nullable UserPrincipal processOwner(Path path) throws IOException {
		try {
			return path.getFileSystem().getUserPrincipalLookupService()
				.lookupPrincipalByName(System.getProperty("user.name"));
		}
		catch (UserPrincipalNotFoundException | UnsupportedOperationException ex) {
			return null;
		}
	}

	private static FileAttribute<?>[] ownerOnly(Path path, Set<PosixFilePermission> permissions) {
		boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
		return posix ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(permissions) }
				: new FileAttribute<?>[0];
	}

}
