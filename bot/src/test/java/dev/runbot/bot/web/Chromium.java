package dev.runbot.bot.web;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium, driven by its own chromedriver, never one downloaded: the browser
 * tests' real browser. Where it is not installed those tests are skipped with how to install it,
 * unless {@code RUNBOT_REQUIRE_BROWSER=true} (set by {@code .ci/run} after installing it) makes
 * its absence a failure.
 */
final class Chromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    /** A fresh headless browser with no profile, cookies or network beyond what the page asks for. */
    static WebDriver start() {
        boolean installed = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
        String missing = "Chromium is not installed (" + BROWSER + ", " + DRIVER + "): apt-get install -y chromium"
                + " chromium-driver, or run .ci/run, which does";
        if (!installed && "true".equals(System.getenv("RUNBOT_REQUIRE_BROWSER"))) {
            throw new AssertionError(missing);
        }
        Assumptions.assumeTrue(installed, missing);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--window-size=1600,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString())).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }
}
