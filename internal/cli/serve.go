package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/wijksim/wijksim/internal/names"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/web"
)

// shutdownGrace is how long open requests get to finish on stop.
const shutdownGrace = 5 * time.Second

func newServeCmd(e *env) *cobra.Command {
	var addr string
	var allowHosts []string
	var files string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the classroom page: sliders and policies racing live",
		Long: `Serve the classroom page on this computer. Open the printed address in a
browser: pick a scenario and two to four policies, move the sliders (each
explains itself in a tooltip), press play, and watch the policies race month
by month on the same residents and the same life events, so the class sees
the effect of the policy and not chance. Presets tell stories from the
field research; "export" downloads the scenario and a sweep spec that
reproduce the run on the command line.

The page and everything it needs are inside the binary; no network is used.
By default it listens on 127.0.0.1 only, so that only this computer can open
it. Runs are limited to 5,000 residents and 240 months, 64 at once and 8 per
computer. Ctrl+C (or SIGTERM) stops the server, ending open runs.

--policies offers policy files (docs/policies.md) on the page beside the
built-in policies; a lecturer can also load a policy file on the page
itself, and race it against the built-in ones. The export of a run keeps
the files of its policies.

The page answers only when it is opened by IP address or as localhost, or
under a name given with --allow-host (a classroom computer's name): a web
page elsewhere cannot reach it through a name of its own. Requests sent by
pages of another origin are refused.`,
		Example: `  wijksim serve
  wijksim serve --addr 127.0.0.1:9090
  wijksim serve --addr :8080    # reachable from the classroom network
  wijksim serve --addr :8080 --allow-host klas-3.local
  wijksim serve --policies examples/policies/zaanstad-2019.yaml,examples/policies/escalatie.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			pols, err := servedPolicies(files)
			if err != nil {
				return err
			}
			return runServe(ctx, e, addr, allowHosts, pols)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "host:port to listen on")
	cmd.Flags().StringSliceVar(&allowHosts, "allow-host", nil, "a host name, besides IP addresses and localhost, under which the page may be opened (repeatable)")
	cmd.Flags().StringVar(&files, "policies", "", "comma-separated policy files offered on the page beside the built-in policies (see 'wijksim policies')")
	return cmd
}

// servedPolicies loads the comma-separated policy files of serve
// --policies; the built-in policies are always offered, so a built-in name
// is refused.
func servedPolicies(list string) ([]*policies.Policy, error) {
	if strings.TrimSpace(list) == "" {
		return nil, nil
	}
	refs := strings.Split(list, ",")
	for _, ref := range refs {
		if !policies.IsPath(ref) {
			return nil, fmt.Errorf("--policies: %s is not a policy file; allowed: paths of policy files (the built-in policies %s are always offered)", names.Quote(ref), strings.Join(policies.Names(), ", "))
		}
	}
	pols, err := policies.Resolve(refs)
	if err != nil {
		return nil, fmt.Errorf("--policies: %w", err)
	}
	return pols, nil
}

// runServe serves the classroom page on addr, offering the policies of
// files beside the built-in ones, until ctx is done, then shuts down: open
// runs end and requests get shutdownGrace to finish.
func runServe(ctx context.Context, e *env, addr string, allowHosts []string, files []*policies.Policy) error {
	runCtx, endRuns := context.WithCancel(context.Background())
	defer endRuns()
	lim := web.DefaultLimits()
	lim.AllowedHosts = allowHosts
	h, err := web.New(runCtx, lim, files...)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv := web.NewHTTPServer(ln.Addr().String(), h)
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		fmt.Fprintf(e.stderr, "wijksim: listening on %s, not only on this computer: anyone who can reach it can open the page\n", host)
		if ip != nil && ip.IsUnspecified() {
			host = "127.0.0.1"
		}
	}
	url := "http://" + net.JoinHostPort(host, port) + "/"
	fmt.Fprintf(e.stdout, "wijksim classroom: open %s in a browser (Ctrl+C to stop)\n", url)

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	endRuns()
	shutCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	fmt.Fprintln(e.stdout, "wijksim classroom: stopped")
	return nil
}
