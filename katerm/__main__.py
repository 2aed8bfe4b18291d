from katerm.cli import main

raise SystemExit(main())
