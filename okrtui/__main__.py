from okrtui.cli.start import main

raise SystemExit(main())
