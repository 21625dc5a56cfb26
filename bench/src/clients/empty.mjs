// Nothing at all: what starting Node costs (with the usage preload every client has), under every startup.
