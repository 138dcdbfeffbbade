package io.seestack.internal.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What another local user could do to the SDK's files, and what the SDK does about it. */
class OwnerOnlyFilesTests {

	@TempDir
	Path dir;

	@Test
	void createsDirectoriesAndFilesThatOnlyTheOwnerCanReach() throws IOException {
		Path file = this.dir.resolve("seestack/outbox/app.jsonl");

		write(file, "one");

		assertThat(permissions(this.dir.resolve("seestack"))).isEqualTo("rwx------");
		assertThat(permissions(this.dir.resolve("seestack/outbox"))).isEqualTo("rwx------");
		assertThat(permissions(file)).isEqualTo("rw-------");
		write(file, "two");
		assertThat(Files.readString(file)).isEqualTo("onetwo");
	}

	@Test
	void takesBackAFileOfItsOwnThatOthersCouldRead() throws IOException {
		Path file = Files.writeString(this.dir.resolve("old.jsonl"), "old");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

		write(file, "new");

		assertThat(permissions(file)).isEqualTo("rw-------");
	}

	@Test
	void leavesAnExistingDirectoryOfTheOwnerAsItIs() throws IOException {
		Path logs = Files.createDirectory(this.dir.resolve("logs"));
		Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxr-xr-x"));

		write(logs.resolve("outbox.jsonl"), "x");

		assertThat(permissions(logs)).isEqualTo("rwxr-xr-x");
	}

	@Test
	void refusesAFileThatIsALinkAndLeavesItsTargetAlone() throws IOException {
		Path victim = Files.writeString(this.dir.resolve("victim.txt"), "precious");
		Path planted = Files.createSymbolicLink(this.dir.resolve("outbox.jsonl"), victim);

		assertThatExceptionOfType(UnsafeFileException.class).isThrownBy(() -> write(planted, "payload"))
			.withMessageContaining(planted.toString())
			.withMessageContaining("symbolic link");
		assertThat(Files.readString(victim)).isEqualTo("precious");
	}

	@Test
	void refusesADirectoryThatIsALink() throws IOException {
		Path elsewhere = Files.createDirectory(this.dir.resolve("elsewhere"));
		Path planted = Files.createSymbolicLink(this.dir.resolve("seestack"), elsewhere);

		assertThatExceptionOfType(UnsafeFileException.class)
			.isThrownBy(() -> write(planted.resolve("outbox.jsonl"), "payload"))
			.withMessageContaining("symbolic link");
		try (var entries = Files.list(elsewhere)) {
			assertThat(entries).isEmpty();
		}
	}

	/** Needs the right to give a file away (root, as on CI); elsewhere there is no other user to plant it. */
	@Test
	void refusesADirectoryOrAFileThatSomeoneElseOwns() throws IOException {
		Path planted = Files.createDirectory(this.dir.resolve("planted"));
		Path file = Files.writeString(Files.createDirectory(this.dir.resolve("mine")).resolve("outbox.jsonl"), "");
		UserPrincipal nobody = planted.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
		assumeTrue(giveAway(planted, nobody) && giveAway(file, nobody), "cannot change owners here");

		assertThatExceptionOfType(UnsafeFileException.class)
			.isThrownBy(() -> write(planted.resolve("outbox.jsonl"), "payload"))
			.withMessageContaining("belongs to nobody");
		assertThat(planted.resolve("outbox.jsonl")).doesNotExist();
		assertThatExceptionOfType(UnsafeFileException.class).isThrownBy(() -> write(file, "payload"))
			.withMessageContaining("belongs to nobody");
	}

	private static boolean giveAway(Path path, UserPrincipal owner) {
		try {
			Files.setOwner(path, owner);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void write(Path file, String text) throws IOException {
		try (OutputStream out = OwnerOnlyFiles.append(file)) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
	}

	private static String permissions(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
	}

}
