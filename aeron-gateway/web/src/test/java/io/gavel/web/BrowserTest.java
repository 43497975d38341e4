package io.gavel.web;

import io.gavel.sbe.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.gavel.web.WebHarness.AUCTION;
import static io.gavel.web.WebHarness.token;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The pages in a real headless Chromium against a real engine: two bidders (5 and 6) and a clerk (50) on
 * auction 1. Skipped, saying why, only when Chromium or its driver is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BrowserTest
{
    private WebHarness harness;
    private BrowserPages pages;
    private String five;
    private String six;
    private String clerk;
    private String raceWinner;

    @BeforeAll
    void start(@TempDir final Path dir)
    {
        Assumptions.assumeTrue(BrowserPages.available(), "browser tests skipped: " + BrowserPages.CHROMIUM + " or " +
            BrowserPages.CHROMEDRIVER + " is not installed (apt-get install chromium chromium-driver)");
        harness = new WebHarness(dir).liveSale();
        pages = new BrowserPages();
        five = pages.open(harness.url("/auctions/1#token=" + token(5, Role.BIDDER)));
        six = pages.open(harness.url("/auctions/1#token=" + token(6, Role.BIDDER)));
        clerk = pages.open(harness.url("/clerk/1#token=" + token(50, Role.CLERK)));
    }

    @AfterAll
    void stop()
    {
        if (pages != null)
        {
            pages.close();
        }
        if (harness != null)
        {
            harness.close();
        }
    }

    private void awaitText(final String page, final String testid, final String expected)
    {
        BrowserPages.await(() -> pages.text(page, testid).contains(expected),
            () -> testid + " shows '" + pages.text(page, testid) + "', not '" + expected + "'");
    }

    @Test
    @Order(1)
    void twoBiddersRaceForOneAskExactlyOneWinsTheOtherIsToldTheAskMoved()
    {
        // Issue 14: the engine's answer to the edge's RequestBidderStatus reaches the page (these bidders have none).
        awaitText(five, "limit-left", "No limit");
        pages.click(clerk, "open-button");
        for (final String page : List.of(five, six))
        {
            awaitText(page, "lot-state", "Open");
            BrowserPages.await(() -> pages.on(page).findElement(org.openqa.selenium.By.cssSelector(
                "[data-testid='bid-button']")).isEnabled(), () -> "bid button enabled");
        }
        assertEquals(pages.text(five, "ask"), pages.text(six, "ask"));
        // Both click the same ask at the same instant (a timer on the shared clock), as two people would.
        final long at = System.currentTimeMillis() + 400;
        for (final String page : List.of(five, six))
        {
            pages.driver.switchTo().window(page);
            pages.driver.executeScript("setTimeout(() => document.querySelector(\"[data-testid='bid-button']\")" +
                ".click(), " + at + " - Date.now());");
        }
        BrowserPages.await(() -> pages.text(five, "status").length() > 0 && pages.text(six, "status").length() > 0,
            () -> "both pages answered");
        BrowserPages.await(() ->
        {
            final String s5 = pages.text(five, "status");
            final String s6 = pages.text(six, "status");
            return s5.contains("high bidder") ^ s6.contains("high bidder") &&
                (s5.contains("ask moved") || s6.contains("ask moved"));
        }, () -> "5: " + pages.text(five, "status") + " / 6: " + pages.text(six, "status"));
        raceWinner = pages.text(five, "status").contains("high bidder") ? five : six;
        pages.screenshot(five, "bidder-live");
    }

    @Test
    @Order(2)
    void aClerksFloorBidAppearsOnBothPages()
    {
        pages.on(clerk).findElement(org.openqa.selenium.By.cssSelector("[data-testid='paddle-input']"))
            .sendKeys("107");
        pages.click(clerk, "floor-button");
        for (final String page : List.of(five, six, clerk))
        {
            awaitText(page, "history", "Floor · paddle 107");
        }
        // The race's winner led and is told at once; the loser never led, so it stays told the ask moved.
        awaitText(raceWinner, "status", "Outbid");
        pages.screenshot(clerk, "clerk-console");
    }

    @Test
    @Order(3)
    void fairWarningThenHammerShowsSoldEverywhereWithTheSamePrice()
    {
        pages.click(clerk, "warn-button");
        awaitText(five, "lot-state", "Fair warning");
        awaitText(six, "lot-state", "Fair warning");
        awaitText(clerk, "lot-state", "GOING");
        final String price = pages.text(clerk, "price");
        pages.click(clerk, "hammer-button");
        for (final String page : List.of(five, six))
        {
            awaitText(page, "lot-state", "SOLD");
        }
        // The console moves on to the next lot; its ladder keeps the hammer price.
        assertEquals(price, pages.text(five, "price"));
        assertEquals(price, pages.text(six, "price"));
        awaitText(five, "status", "SOLD " + price);
        pages.screenshot(six, "bidder-sold");
    }

    @Test
    @Order(4)
    void aPageReloadedMidLotShowsTheSameStateAsOneThatStayed()
    {
        harness.accept(harness.admin.openLot(AUCTION, 2));
        awaitText(five, "lot-id", "2");
        awaitText(five, "lot-state", "Open");
        pages.click(five, "bid-button");
        awaitText(five, "status", "You are the high bidder");
        awaitText(six, "history", "paddle 105");
        pages.click(six, "bid-button");
        awaitText(six, "status", "You are the high bidder");
        awaitText(five, "status", "Outbid");
        pages.on(six).navigate().refresh();
        awaitText(six, "lot-id", "2");
        awaitText(six, "history", "paddle 106");
        for (final String testid : List.of("lot-state", "price", "ask", "history"))
        {
            // Each page marks its own bids "(you)"; the rest is the same sale.
            assertEquals(pages.text(five, testid).replace(" (you)", ""), pages.text(six, testid).replace(" (you)", ""),
                testid + " after a reload");
        }
        assertEquals("You are the high bidder", pages.text(six, "status"));
    }

    @Test
    @Order(5)
    void oneBidderNeverSeesAnothersNotices()
    {
        // Collect every message each page receives from now on.
        for (final String page : List.of(five, six))
        {
            pages.on(page);
            pages.driver.executeScript("window.__seen = []; Gavel.onMessage(m => window.__seen.push(m));");
        }
        pages.click(five, "bid-button"); // five retakes the lead: six is outbid, privately
        awaitText(six, "status", "Outbid");
        awaitText(five, "status", "You are the high bidder");
        pages.on(five);
        final Object fiveNotices = pages.driver.executeScript(
            "return window.__seen.filter(m => m.t === 'outbid' || m.t === 'won').map(m => m.bidder);");
        pages.on(six);
        final Object sixNotices = pages.driver.executeScript(
            "return window.__seen.filter(m => m.t === 'outbid' || m.t === 'won').map(m => m.bidder);");
        assertEquals(List.of(), fiveNotices, "five saw a notice not meant for it");
        assertEquals(List.of(6L), sixNotices, "six is told it was outbid, once");
    }
}
