import Testing

/// Every headless-Chromium test runs inside this suite, one at a time: two browsers and their
/// WebDrivers at once on a two-core machine starve each other ("Resource temporarily
/// unavailable" from the driver's port, or a time limit reached while waiting).
@Suite(.serialized) enum BrowserTests {}
