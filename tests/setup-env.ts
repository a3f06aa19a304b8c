// Tests get a fixed server secret; nothing reads the developer's own data folder.
process.env.SIGNALBOX_SECRET ??= "test-secret-0123456789abcdef";
// Every API answer in tests is checked against the endpoint's declared response schema.
process.env.SIGNALBOX_CHECK_RESPONSES = "1";
