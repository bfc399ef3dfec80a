package org.cityops.screen;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.cityops.Api;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.cityops.platform.TokenIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The browser and the steps the console's browser tests share: each test class gets its own
 * headless Chromium (skipped, saying why, where it is missing), quit after its last test.
 */
abstract class ConsoleBrowserSupport {

    static WebDriver driver;

    @LocalServerPort int port;
    @Autowired TokenIssuer issuer;

    @BeforeAll
    static void startChromium(TestInfo test) throws IOException {
        driver = ConsoleBrowserTests.startChromium(test.getTestClass().map(Class::getSimpleName).orElse("browser test"));
    }

    @AfterAll
    static void quitChromium() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    Api admin() {
        return Api.on(port, issuer).as(new Actor("admin", Role.ADMIN, null, null));
    }

    /** Opens the console afresh (no session, Chinese) and logs in; returns once the navigation shows. */
    void logIn(String username, String password) {
        driver.get("http://localhost:" + port + "/console/");
        js("sessionStorage.clear(); localStorage.removeItem('cityops.lang');");
        driver.navigate().refresh();
        find("[data-t=login-form] input[name=username]").sendKeys(username);
        find("[data-t=login-form] input[name=password]").sendKeys(password);
        click("[data-t=login]");
        find("[data-t=nav]");
    }

    /** Saves a screenshot of the window as {@code target/screenshots/<name>.png}. */
    void save(String name) throws IOException {
        Files.write(ConsoleBrowserTests.SHOTS.resolve(name + ".png"),
                ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    WebElement find(String css) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    void click(String css) {
        waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    /** Returns the browser console's errors since the last call. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }
}
