package dev.obskit.statuspages;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a page looks and where it lives: logo, colours, custom CSS and JS, white-label, footer,
 * public URL (absolute links), language and analytics. Immutable; build with {@link #builder()}.
 * Empty text means "not set".
 */
public final class PageOptions {
  /** The default accent colour (contrast 5.9:1 on white, WCAG AA). */
  public static final String DEFAULT_BRAND_COLOR = "#1f5fbf";
  /** Longest custom CSS or JS accepted. */
  public static final int MAX_CUSTOM_CHARS = 64 * 1024;
  private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final String logoUrl;
  private final String brandColor;
  private final String customCss;
  private final String customJs;
  private final boolean whiteLabel;
  private final String footerText;
  private final Optional<URI> publicUrl;
  private final Optional<Locale> locale;
  private final String googleAnalyticsId;
  private final String mixpanelToken;
  private final String intercomAppId;
  private final String customEmailDomain;

  private PageOptions(Builder b) {
    logoUrl = b.logoUrl;
    brandColor = b.brandColor;
    customCss = b.customCss;
    customJs = b.customJs;
    whiteLabel = b.whiteLabel;
    footerText = b.footerText;
    publicUrl = b.publicUrl;
    locale = b.locale;
    googleAnalyticsId = b.googleAnalyticsId;
    mixpanelToken = b.mixpanelToken;
    intercomAppId = b.intercomAppId;
    customEmailDomain = b.customEmailDomain;
  }

  /** Returns the defaults: no logo, default colour, no custom code, ObsKit footer, English. */
  public static PageOptions defaults() {
    return builder().build();
  }

  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.logoUrl = logoUrl;
    b.brandColor = brandColor;
    b.customCss = customCss;
    b.customJs = customJs;
    b.whiteLabel = whiteLabel;
    b.footerText = footerText;
    b.publicUrl = publicUrl;
    b.locale = locale;
    b.googleAnalyticsId = googleAnalyticsId;
    b.mixpanelToken = mixpanelToken;
    b.intercomAppId = intercomAppId;
    b.customEmailDomain = customEmailDomain;
    return b;
  }

  /** Returns the logo URL (http or https), empty if none. */
  public String logoUrl() {
    return logoUrl;
  }

  /** Returns the accent colour as {@code #rrggbb}. */
  public String brandColor() {
    return brandColor;
  }

  /** Returns the custom CSS, empty if none. */
  public String customCss() {
    return customCss;
  }

  /** Returns the custom JavaScript, empty if none. */
  public String customJs() {
    return customJs;
  }

  /** Returns whether the ObsKit footer is hidden. */
  public boolean whiteLabel() {
    return whiteLabel;
  }

  /** Returns the footer text, empty if none. */
  public String footerText() {
    return footerText;
  }

  /** Returns the public URL of the page (custom domain), from which absolute links are built. */
  public Optional<URI> publicUrl() {
    return publicUrl;
  }

  /** Returns the fixed language; empty means chosen from {@code Accept-Language}. */
  public Optional<Locale> locale() {
    return locale;
  }

  /** Returns the Google Analytics measurement id, empty if none. */
  public String googleAnalyticsId() {
    return googleAnalyticsId;
  }

  /** Returns the Mixpanel project token, empty if none. */
  public String mixpanelToken() {
    return mixpanelToken;
  }

  /** Returns the Intercom app id, empty if none. */
  public String intercomAppId() {
    return intercomAppId;
  }

  /** Returns the custom e-mail sender domain, empty if none. */
  public String customEmailDomain() {
    return customEmailDomain;
  }

  /** Builds {@link PageOptions}; every setter validates at once. Not thread-safe. */
  public static final class Builder {
    private String logoUrl = "";
    private String brandColor = DEFAULT_BRAND_COLOR;
    private String customCss = "";
    private String customJs = "";
    private boolean whiteLabel;
    private String footerText = "";
    private Optional<URI> publicUrl = Optional.empty();
    private Optional<Locale> locale = Optional.empty();
    private String googleAnalyticsId = "";
    private String mixpanelToken = "";
    private String intercomAppId = "";
    private String customEmailDomain = "";

    private Builder() {}

    /** Sets the logo URL; it must be http or https (empty clears it). */
    public Builder setLogoUrl(String logoUrl) {
      Objects.requireNonNull(logoUrl, "logoUrl");
      if (!logoUrl.isEmpty()) {
        httpUri("logoUrl", logoUrl);
      }
      this.logoUrl = logoUrl;
      return this;
    }

    /** Sets the accent colour, {@code #rrggbb}. */
    public Builder setBrandColor(String brandColor) {
      Objects.requireNonNull(brandColor, "brandColor");
      if (!COLOR.matcher(brandColor).matches()) {
        throw new IllegalArgumentException("brandColor must be #rrggbb, got '" + brandColor + "'");
      }
      this.brandColor = brandColor;
      return this;
    }

    /** Sets custom CSS (at most 64 KiB); {@code </style} is refused. */
    public Builder setCustomCss(String customCss) {
      this.customCss = custom("customCss", customCss, "</style");
      return this;
    }

    /** Sets custom JavaScript (at most 64 KiB); {@code </script} is refused. */
    public Builder setCustomJs(String customJs) {
      this.customJs = custom("customJs", customJs, "</script");
      return this;
    }

    /** Hides the ObsKit footer. */
    public Builder setWhiteLabel(boolean whiteLabel) {
      this.whiteLabel = whiteLabel;
      return this;
    }

    /** Sets the footer text (escaped when rendered; at most 1,000 characters). */
    public Builder setFooterText(String footerText) {
      Objects.requireNonNull(footerText, "footerText");
      if (footerText.length() > 1000) {
        throw new IllegalArgumentException("footerText must be at most 1000 characters, got "
            + footerText.length());
      }
      this.footerText = footerText;
      return this;
    }

    /** Sets the public URL of the page, e.g. {@code https://status.example.com/}. */
    public Builder setPublicUrl(String publicUrl) {
      Objects.requireNonNull(publicUrl, "publicUrl");
      URI uri = httpUri("publicUrl", publicUrl);
      String s = uri.toString();
      this.publicUrl = Optional.of(URI.create(s.endsWith("/") ? s : s + "/"));
      return this;
    }

    /** Fixes the page language ({@code en} or {@code fr}); otherwise the visitor's is used. */
    public Builder setLocale(Locale locale) {
      Objects.requireNonNull(locale, "locale");
      if (!Messages.SUPPORTED.contains(locale.getLanguage())) {
        throw new IllegalArgumentException("locale must be one of " + Messages.SUPPORTED
            + ", got " + locale);
      }
      this.locale = Optional.of(Locale.forLanguageTag(locale.getLanguage()));
      return this;
    }

    /** Sets the Google Analytics measurement id (letters, digits, {@code _-}). */
    public Builder setGoogleAnalyticsId(String id) {
      this.googleAnalyticsId = token("googleAnalyticsId", id);
      return this;
    }

    /** Sets the Mixpanel project token. */
    public Builder setMixpanelToken(String token) {
      this.mixpanelToken = token("mixpanelToken", token);
      return this;
    }

    /** Sets the Intercom app id. */
    public Builder setIntercomAppId(String id) {
      this.intercomAppId = token("intercomAppId", id);
      return this;
    }

    /** Sets the custom sender domain for subscriber e-mail (a billable add-on). */
    public Builder setCustomEmailDomain(String domain) {
      Objects.requireNonNull(domain, "domain");
      if (!domain.isEmpty() && !domain.matches("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+")) {
        throw new IllegalArgumentException("customEmailDomain is not a domain: '" + domain + "'");
      }
      this.customEmailDomain = domain;
      return this;
    }

    /** Returns the options. */
    public PageOptions build() {
      return new PageOptions(this);
    }

    private static String token(String name, String value) {
      Objects.requireNonNull(value, name);
      if (!value.isEmpty() && !TOKEN.matcher(value).matches()) {
        throw new IllegalArgumentException(name + " must be 1 to 64 letters, digits, '_' or '-',"
            + " got '" + value + "'");
      }
      return value;
    }

    private static String custom(String name, String value, String forbidden) {
      Objects.requireNonNull(value, name);
      if (value.length() > MAX_CUSTOM_CHARS) {
        throw new IllegalArgumentException(name + " must be at most " + MAX_CUSTOM_CHARS
            + " characters, got " + value.length());
      }
      if (value.toLowerCase(Locale.ROOT).contains(forbidden)) {
        throw new IllegalArgumentException(name + " must not contain '" + forbidden + "'");
      }
      return value;
    }

    private static URI httpUri(String name, String value) {
      try {
        URI uri = new URI(value);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
          throw new IllegalArgumentException(name + " must be an absolute http(s) URL, got '"
              + value + "'");
        }
        return uri;
      } catch (java.net.URISyntaxException e) {
        throw new IllegalArgumentException(name + " is not a URL: '" + value + "'", e);
      }
    }
  }
}
