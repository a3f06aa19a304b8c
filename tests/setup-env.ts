// Tests get a fixed server secret; nothing reads the developer's own data folder.
process.env.SIGNALBOX_SECRET ??= "test-secret-0123456789abcdef";
