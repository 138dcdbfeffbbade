package io.seestack.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample app in a real browser: headless Chromium from Debian's {@code chromium} and {@code chromium-driver}
 * packages, driven by Selenium. A person signs in as ada through the login form, clicks every action, signs out,
 * clicks them again, and signs in as grace; after each phase, what SeeStack captured (read from
 * {@code /actuator/seestack}, and from the page's live view of it) must carry the right user, and nobody else.
 *
 * <p>Without the browser the test is skipped, except in CI ({@code CI=true}), where it fails.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		// Selenium has no CDP bindings for every Chromium version; WebDriver itself needs none.
		properties = { "logging.level.org.openqa.selenium.devtools.CdpVersionFinder=error",
				"logging.level.org.openqa.selenium.chromium.ChromiumDriver=error" })
@EnabledIf(value = "browserInstalledOrCi",
		disabledReason = "Headless Chromium is not installed: apt-get install chromium chromium-driver")
class SampleAppBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration CAPTURE_TIMEOUT = Duration.ofSeconds(20);

	private static final Pattern REF = Pattern.compile("\\(ref ([A-Za-z0-9-]+)\\)");

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	private WebDriver browser;

	private WebDriverWait wait;

	/** Runs the test when the browser is installed, and in CI, where a missing browser fails it. */
	static boolean browserInstalledOrCi() {
		return missingBrowserFiles().isEmpty() || "true".equalsIgnoreCase(System.getenv("CI"));
	}

	@BeforeAll
	static void browserIsInstalled() {
		assertThat(missingBrowserFiles()).as("Headless Chromium (install: apt-get install chromium chromium-driver)")
			.isEmpty();
	}

	private static List<Path> missingBrowserFiles() {
		return Stream.of(CHROMIUM, CHROMEDRIVER).filter((path) -> !Files.isExecutable(path)).toList();
	}

	@BeforeEach
	void startBrowser(@TempDir Path profile) {
		// Both paths are given, so Selenium Manager is never asked to find (or download) anything.
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
		this.browser = new ChromeDriver(service, options);
		this.wait = new WebDriverWait(this.browser, Duration.ofSeconds(15));
		this.wait.withMessage(() -> "the page's last error polling /actuator/seestack: '" + text("poll-error") + "'");
	}

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void everyCapturedPayloadCarriesTheUserWhoCausedIt() {
		this.browser.get(url("/"));
		this.wait.until(ExpectedConditions.textToBe(By.id("who"), "anonymous"));
		this.wait.until(ExpectedConditions.textToBe(By.id("mode"), "LOCAL"));

		Set<String> beforeAda = capturedKeys();
		logIn("ada");
		Clicks ada = clickEveryAction();
		assertPhase("ada", beforeAda, ada, "ada");

		Set<String> beforeLogout = capturedKeys();
		this.browser.findElement(By.id("logout-button")).click();
		this.wait.until(ExpectedConditions.textToBe(By.id("who"), "anonymous"));
		assertThat(text("who-seestack")).isEqualTo("anonymous");
		Clicks anonymous = clickEveryAction();
		assertPhase("signed out", beforeLogout, anonymous, null);

		Set<String> beforeGrace = capturedKeys();
		logIn("grace");
		Clicks grace = clickEveryAction();
		assertPhase("grace", beforeGrace, grace, "grace");
	}

	@Test
	void showsTheScheduledJobsHeartbeatsAndAFailedSignInWithoutItsPassword() {
		this.browser.get(url("/"));
		this.wait.until(ExpectedConditions.textToBe(By.id("mode"), "LOCAL"));
		await("a heartbeat of the scheduled job on the page").atMost(CAPTURE_TIMEOUT)
			.pollInterval(Duration.ofMillis(250))
			.untilAsserted(() -> assertThat(pageRows()).anySatisfy((row) -> {
				assertThat(row).containsEntry("kind", "heartbeat").containsEntry("slug", "sample-digest");
				assertThat(row).containsEntry("status", "success");
			}));

		String wrongPassword = "not-adas-Passw0rd-4417";
		this.browser.findElement(By.id("login-link")).click();
		this.wait.until(ExpectedConditions.urlContains("/login"));
		this.browser.findElement(By.id("username")).sendKeys("ada");
		this.browser.findElement(By.id("password")).sendKeys(wrongPassword);
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		this.wait.until(ExpectedConditions.urlContains("error"));
		this.browser.get(url("/"));
		await("the failed sign-in on the page").atMost(CAPTURE_TIMEOUT)
			.pollInterval(Duration.ofMillis(250))
			.untilAsserted(() -> assertThat(pageRows()).anySatisfy((row) -> {
				assertThat(row).containsEntry("kind", "log").containsEntry("signIn", "failure");
				assertThat(row.get("user")).isEmpty();
			}));
		assertThat(getJson("/actuator/seestack").toString()).doesNotContain(wrongPassword);
		assertThat(this.browser.getPageSource()).doesNotContain(wrongPassword);
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, String>> pageRows() {
		return (List<Map<String, String>>) ((JavascriptExecutor) this.browser)
			.executeScript("return [...document.querySelectorAll('#payloads tbody tr')].map((tr) => ({...tr.dataset}));");
	}

	private void logIn(String name) {
		this.browser.findElement(By.id("login-link")).click();
		this.wait.until(ExpectedConditions.urlContains("/login"));
		this.browser.findElement(By.id("username")).sendKeys(name);
		this.browser.findElement(By.id("password")).sendKeys(name + "-password");
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		this.wait.until(ExpectedConditions.textToBe(By.id("who"), name));
		// What SeeStack itself holds as the user of the page's /api/me request.
		assertThat(text("who-seestack")).isEqualTo(name);
	}

	private Clicks clickEveryAction() {
		return new Clicks(click("action-unhandled", "500"), click("action-unavailable", "503"),
				click("action-not-found", "404"), click("action-log", "200"), click("action-slf4j", "200"),
				click("action-async", "200"), click("action-outbound", "200"));
	}

	/** Clicks an action button, waits for its answer, checks its status and returns the click's ref. */
	private String click(String buttonId, String expectedStatus) {
		int count = Integer.parseInt(text("action-count"));
		this.browser.findElement(By.id(buttonId)).click();
		this.wait.until((browser) -> Integer.parseInt(text("action-count")) == count + 1);
		assertThat(text("last-status")).as(buttonId).isEqualTo(expectedStatus);
		return text("last-ref");
	}

	/**
	 * Waits until the phase's payloads are captured, first as {@code /actuator/seestack} shows them, then as the
	 * page's live view shows them, and checks them: the two errors and the log entry (found by the click's ref) and
	 * the four HTTP request items carry {@code user}, no other payload of the phase carries anyone else, and the
	 * 404 is not captured as an error.
	 */
	private void assertPhase(String phase, Set<String> before, Clicks clicks, @Nullable String user) {
		await(phase + ", /actuator/seestack").atMost(CAPTURE_TIMEOUT)
			.pollInterval(Duration.ofMillis(250))
			.untilAsserted(() -> assertCaptured(phase, newRows(this::capturedByEndpoint, before), clicks, user));
		await(phase + ", the page's live view").atMost(CAPTURE_TIMEOUT)
			.pollInterval(Duration.ofMillis(250))
			.untilAsserted(() -> assertCaptured(phase, newRows(this::capturedOnPage, before), clicks, user));
	}

	private static void assertCaptured(String phase, List<Row> rows, Clicks clicks, @Nullable String user) {
		String expected = (user != null) ? user : "anonymous";
		assertThat(rows).as("%s: errors (the 404 is not one)", phase)
			.filteredOn((row) -> row.kind().equals("error"))
			.extracting(Row::ref)
			.containsExactlyInAnyOrder(clicks.unhandled(), clicks.unavailable(), clicks.async());
		assertThat(rows).as("%s: the errors' and the log entries' user", phase)
			.filteredOn((row) -> Set.of(clicks.unhandled(), clicks.unavailable(), clicks.log(), clicks.slf4j(),
					clicks.async()).contains(row.ref()))
			.extracting((row) -> row.kind() + " " + row.userOrAnonymous())
			// the SLF4J warning, and the async task's error and SLF4J warning, logged on another thread
			.containsExactlyInAnyOrder("error " + expected, "error " + expected, "log " + expected,
					"log " + expected, "error " + expected, "log " + expected);
		assertThat(rows).as("%s: HTTP request items of the actions", phase)
			.filteredOn((row) -> row.kind().equals("http") && row.path().startsWith("/api/demo/"))
			.extracting((row) -> row.path() + " " + row.status() + " " + row.userOrAnonymous())
			.containsExactlyInAnyOrder("/api/demo/unhandled 500 " + expected, "/api/demo/unavailable 503 " + expected,
					"/api/demo/no-such-page 404 " + expected, "/api/demo/log 200 " + expected,
					"/api/demo/slf4j 200 " + expected, "/api/demo/async 200 " + expected,
					"/api/demo/outbound 200 " + expected);
		assertThat(rows).as("%s: the outbound call's item, with the user of the request that made it", phase)
			.filteredOn((row) -> row.kind().equals("http") && row.path().equals("/actuator/health"))
			.extracting((row) -> row.path() + " " + row.status() + " " + row.userOrAnonymous())
			.containsExactly("/actuator/health 200 " + expected);
		assertThat(rows).as("%s: no payload carries another user", phase)
			.allSatisfy((row) -> assertThat(row.user()).as(row.toString()).isIn(user, null));
	}

	private static List<Row> newRows(Supplier<List<Row>> captured, Set<String> before) {
		return captured.get().stream().filter((row) -> !before.contains(row.key())).toList();
	}

	private Set<String> capturedKeys() {
		return capturedByEndpoint().stream().map(Row::key).collect(Collectors.toSet());
	}

	/** The rows of the live view: one per error, log entry and HTTP request item, from their data attributes. */
	private List<Row> capturedOnPage() {
		@SuppressWarnings("unchecked")
		List<Map<String, String>> rows = (List<Map<String, String>>) ((JavascriptExecutor) this.browser)
			.executeScript("return [...document.querySelectorAll('#payloads tbody tr')].map((tr) => ({...tr.dataset}));");
		return rows.stream()
			.map((row) -> new Row(row.get("key"), row.get("kind"), emptyToNull(row.get("user")), row.get("ref"),
					row.getOrDefault("path", ""), row.getOrDefault("status", "")))
			.toList();
	}

	/** The same rows, read from {@code /actuator/seestack} without the page. */
	private List<Row> capturedByEndpoint() {
		JsonNode status = getJson("/actuator/seestack");
		assertThat(status.path("mode").asString()).isEqualTo("LOCAL");
		List<Row> rows = new ArrayList<>();
		for (JsonNode payload : status.path("recentPayloads")) {
			String path = payload.path("path").asString();
			String key = payload.path("recordedAt").asString() + "|" + path;
			JsonNode body = payload.path("body");
			if (body.isString()) {
				body = json.readTree(body.asString());
			}
			if (path.endsWith("/errors")) {
				rows.add(new Row(key, "error", textOrNull(body.path("user").path("id")), refIn(body.path("message")),
						"", ""));
			}
			else if (path.endsWith("/logs")) {
				String ref = body.path("metadata").path("ref").asString("");
				rows.add(new Row(key, "log", textOrNull(body.path("metadata").path("userId")),
						ref.isEmpty() ? refIn(body.path("message")) : ref, "", ""));
			}
			else if (path.endsWith("/http-requests")) {
				int i = 0;
				for (JsonNode item : body.path("requests")) {
					rows.add(new Row(key + "|" + i++, "http", textOrNull(item.path("userId")), "",
							item.path("path").asString(), item.path("statusCode").asString()));
				}
			}
			else {
				rows.add(new Row(key, "other", null, "", "", ""));
			}
		}
		return rows;
	}

	private JsonNode getJson(String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url(path)))
			.header("Accept", "application/json")
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
			return json.readTree(response.body());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new IllegalStateException("GET " + path + " failed", ex);
		}
	}

	private static String refIn(JsonNode message) {
		Matcher matcher = REF.matcher(message.asString(""));
		return matcher.find() ? matcher.group(1) : "";
	}

	private static @Nullable String textOrNull(JsonNode node) {
		return emptyToNull(node.isValueNode() ? node.asString() : null);
	}

	private static @Nullable String emptyToNull(@Nullable String text) {
		return (text == null || text.isEmpty()) ? null : text;
	}

	private String text(String id) {
		return this.browser.findElement(By.id(id)).getText();
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	/** The refs of one round of clicks. */
	private record Clicks(String unhandled, String unavailable, String notFound, String log, String slf4j,
			String async, String outbound) {
	}

	/** One captured error, log entry or HTTP request item; {@code user} is null when anonymous. */
	private record Row(String key, String kind, @Nullable String user, String ref, String path, String status) {

		String userOrAnonymous() {
			return (this.user != null) ? this.user : "anonymous";
		}

	}

}
