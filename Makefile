# The two commands a newcomer needs: `make demo` and `make test`.
GO      ?= go
BIN     := bin
PKGS    := ./...
# Debian packages the tests need beyond Go modules: tmux drives the real
# console in end-to-end tests; dbus and gnome-keyring give the tests a real
# OS keyring (Secret Service) on a headless machine; postgresql gives the
# PostgreSQL tests the server binaries for their own throwaway cluster
# (no service is started or used).
SYSTEM_PACKAGES := tmux dbus dbus-x11 gnome-keyring libsecret-tools postgresql wamerican wspanish

.PHONY: all build demo test setup unit bench bench-peers load fuzz vet fmt-check clean replay-fixtures

all: build

build:
	$(GO) build -o $(BIN)/ ./cmd/...

## demo: the whole loop on embedded defaults (simulator, central endpoint, console, seeded patients)
demo: build
	./$(BIN)/triage demo $(DEMO_ARGS)

## setup: install the system packages the tests need, only when missing
setup:
	@./.ci/setup-system $(SYSTEM_PACKAGES)

## test: every test, under a real Secret Service keyring, plus vet and gofmt.
## Pass 1 runs everything in-process with the race detector. Pass 2 runs
## the process-level tests (real binaries, SIGKILL cycles, the console in
## tmux), which -short skips in pass 1: they test behaviour across
## processes, which the race detector cannot see, and run many times
## slower under it. setup has installed PostgreSQL, so its absence fails
## the PostgreSQL tests instead of skipping them. Pass 3 runs the whole
## central suite again with every store in PostgreSQL (a throwaway
## cluster), without the race detector: pass 1 covers the races, which do
## not depend on the database. -parallel 4: the central tests that start
## a whole server spend most of their time waiting (webhooks, retries,
## heartbeats), so four run side by side on two cores.
PROCESS_PKGS := ./store/ ./store/internal/pgcluster/ ./cmd/...
test: setup vet fmt-check
	TRIAGE_REQUIRE_POSTGRES=1 ./.ci/with-keyring $(GO) test -race -short -count=1 -parallel 4 -timeout 15m $(PKGS)
	TRIAGE_REQUIRE_POSTGRES=1 ./.ci/with-keyring $(GO) test -count=1 -timeout 10m $(PROCESS_PKGS)
	TRIAGE_REQUIRE_POSTGRES=1 TRIAGE_CENTRAL_BACKEND=postgres ./.ci/with-keyring $(GO) test -count=1 -parallel 4 -timeout 10m ./store/central/...

unit:
	$(GO) test -count=1 $(PKGS)

vet:
	$(GO) vet $(PKGS)

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

## bench: the speed and memory targets. BenchmarkWebhookIntake and
## BenchmarkSend run once per database (sqlite, postgres: a throwaway
## cluster made durable for the run; skipped where PostgreSQL is not
## installed, see `make setup`).
bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 2s ./policy/ ./store/... ./bsp/... ./cmd/triage/

## load: the console at scale, not part of `make test`: the real simulator,
## central endpoint and console (in tmux), LOAD_THREADS threads created
## through the simulator, patients writing 1,000 messages a minute; prints
## the first frame after sign-in, keystroke-to-frame p95, the console's RSS
## and how soon a new message is on screen. Needs tmux.
LOAD_THREADS ?= 50000
load:
	TRIAGE_LOAD=1 TRIAGE_LOAD_THREADS=$(LOAD_THREADS) $(GO) test -count=1 -timeout 40m -run TestLoadConsoleAtScale -v ./cmd/triage/

## bench-peers: `triage scan` against the npm redactor redact-pii, both as
## whole processes on the same generated clinic messages; prints messages/s,
## CPU time, start-up, the ratio and the load. Needs node and npm; redact-pii
## goes to a temporary folder.
PEER_MESSAGES ?= 100000
PEER_RUNS     ?= 3
bench-peers:
	@command -v node >/dev/null && command -v npm >/dev/null || { echo "bench-peers needs node and npm on PATH"; exit 1; }
	$(GO) build -o $(BIN)/ ./cmd/triage ./cmd/benchpeers
	@dir=$$(mktemp -d) && trap 'rm -rf "$$dir"' EXIT && \
	echo "npm install --prefix $$dir redact-pii" && \
	npm install --prefix "$$dir" --no-audit --no-fund --loglevel=error redact-pii >/dev/null && \
	./$(BIN)/benchpeers -triage ./$(BIN)/triage -node-modules "$$dir" -n $(PEER_MESSAGES) -runs $(PEER_RUNS)

## fuzz: a short run of every fuzz target (FUZZTIME=30s by default)
FUZZTIME ?= 30s
fuzz:
	./.ci/fuzz-all $(FUZZTIME)

clean:
	rm -rf $(BIN)

## replay-fixtures: replay every real provider body in PROVIDER_FIXTURES
## against a running central endpoint and report, per body, what was
## stored or why it was refused (the folder is not part of the project).
PROVIDER_FIXTURES ?= ../shared/provider-fixtures
replay-fixtures:
	TRIAGE_PROVIDER_FIXTURES=$(abspath $(PROVIDER_FIXTURES)) $(GO) test -count=1 -run TestReplayProviderFixtures -v ./store/central/

## release: the three binaries for linux amd64/arm64 and the console for
## darwin amd64/arm64, static (CGO_ENABLED=0), -trimpath, with the version
## from `git describe` and the commit's own date (so a rebuild of the same
## commit is byte-identical), plus man pages, shell completions, the
## systemd unit and SHA256SUMS, in dist/.
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
COMMIT   ?= $(shell git rev-parse HEAD 2>/dev/null || echo unknown)
BUILT    ?= $(shell git log -1 --format=%cI 2>/dev/null || date -u +%Y-%m-%dT%H:%M:%SZ)
BUILDINFO := github.com/clinicwa/triage/cmd/internal/buildinfo
RELEASE_LDFLAGS := -s -w -X $(BUILDINFO).Version=$(VERSION) -X $(BUILDINFO).Commit=$(COMMIT) -X $(BUILDINFO).Date=$(BUILT)
DIST     := dist
SERVER_PLATFORMS  := linux/amd64 linux/arm64
CONSOLE_PLATFORMS := linux/amd64 linux/arm64 darwin/amd64 darwin/arm64

.PHONY: release
release:
	rm -rf $(DIST) && mkdir -p $(DIST)/share
	@set -e; for p in $(SERVER_PLATFORMS); do \
		for c in triaged bspsim; do \
			out=$(DIST)/$$c-$(VERSION)-$${p%/*}-$${p#*/}; echo "  $$out"; \
			CGO_ENABLED=0 GOOS=$${p%/*} GOARCH=$${p#*/} $(GO) build -trimpath -ldflags '$(RELEASE_LDFLAGS)' -o $$out ./cmd/$$c; \
		done; \
	done; \
	for p in $(CONSOLE_PLATFORMS); do \
		out=$(DIST)/triage-$(VERSION)-$${p%/*}-$${p#*/}; echo "  $$out"; \
		CGO_ENABLED=0 GOOS=$${p%/*} GOARCH=$${p#*/} $(GO) build -trimpath -ldflags '$(RELEASE_LDFLAGS)' -o $$out ./cmd/triage; \
	done
	@set -e; mkdir -p $(DIST)/share/man $(DIST)/share/completions; \
	for c in triaged triage bspsim; do \
		$(GO) run -trimpath -ldflags '$(RELEASE_LDFLAGS)' ./cmd/$$c man > $(DIST)/share/man/$$c.$$( [ $$c = triaged ] && echo 8 || echo 1); \
		$(GO) run ./cmd/$$c completion bash > $(DIST)/share/completions/$$c.bash; \
		$(GO) run ./cmd/$$c completion zsh  > $(DIST)/share/completions/_$$c; \
		$(GO) run ./cmd/$$c completion fish > $(DIST)/share/completions/$$c.fish; \
	done; \
	$(GO) run ./cmd/triaged systemd-unit > $(DIST)/share/triaged.service; \
	$(GO) run ./cmd/triaged systemd-unit env > $(DIST)/share/triaged.env.example
	cd $(DIST) && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum > SHA256SUMS
	@echo "release $(VERSION) in $(DIST)/ (checksums: $(DIST)/SHA256SUMS)"
