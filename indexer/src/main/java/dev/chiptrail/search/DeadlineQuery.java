package dev.chiptrail.search;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FilterWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * A per-request time limit that also holds under {@code DrillSideways}: the wrapped query stops
 * matching once the deadline has passed, so the search ends with the hits and counts found so far
 * and {@link #expired()} says so. IndexSearcher's own timeout cannot be used there: it scores in
 * windows, which Lucene's drill-sideways scorer refuses.
 */
final class DeadlineQuery extends Query {
  /** Check the clock every so many documents: cheap, and fine-grained enough for a 2 s limit. */
  private static final int CHECK_EVERY = 256;

  private final Query in;
  private final long deadlineNanos;
  private final AtomicBoolean expired;

  DeadlineQuery(Query in, long deadlineNanos) {
    this(in, deadlineNanos, new AtomicBoolean());
  }

  private DeadlineQuery(Query in, long deadlineNanos, AtomicBoolean expired) {
    this.in = in;
    this.deadlineNanos = deadlineNanos;
    this.expired = expired;
  }

  boolean expired() {
    return expired.get();
  }

  @Override
  public Query rewrite(IndexSearcher searcher) throws IOException {
    Query r = in.rewrite(searcher);
    return r == in ? this : new DeadlineQuery(r, deadlineNanos, expired);
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
    return new FilterWeight(this, in.createWeight(searcher, scoreMode, boost)) {
      @Override
      public boolean isCacheable(LeafReaderContext ctx) {
        return false;
      }

      @Override
      public int count(LeafReaderContext ctx) {
        return -1; // a shortcut count would not stop at the deadline
      }

      @Override
      public ScorerSupplier scorerSupplier(LeafReaderContext ctx) throws IOException {
        ScorerSupplier ss = in.scorerSupplier(ctx);
        if (ss == null) return null;
        return new ScorerSupplier() {
          @Override
          public Scorer get(long leadCost) throws IOException {
            return new DeadlineScorer(ss.get(leadCost));
          }

          @Override
          public long cost() {
            return ss.cost();
          }

          @Override
          public void setTopLevelScoringClause() throws IOException {
            ss.setTopLevelScoringClause();
          }
        };
      }
    };
  }

  private final class DeadlineScorer extends Scorer {
    private final Scorer in;
    private final DeadlineIterator approximation;
    private final TwoPhaseIterator twoPhase;
    private final DocIdSetIterator iterator;

    DeadlineScorer(Scorer in) {
      this.in = in;
      TwoPhaseIterator tp = in.twoPhaseIterator();
      if (tp == null) {
        approximation = new DeadlineIterator(in.iterator());
        twoPhase = null;
        iterator = approximation;
      } else {
        approximation = new DeadlineIterator(tp.approximation());
        twoPhase = new TwoPhaseIterator(approximation) {
          @Override
          public boolean matches() throws IOException {
            return tp.matches();
          }

          @Override
          public float matchCost() {
            return tp.matchCost();
          }
        };
        iterator = TwoPhaseIterator.asDocIdSetIterator(twoPhase);
      }
    }

    @Override
    public int docID() {
      return approximation.docID();
    }

    @Override
    public DocIdSetIterator iterator() {
      return iterator;
    }

    @Override
    public TwoPhaseIterator twoPhaseIterator() {
      return twoPhase;
    }

    @Override
    public float score() throws IOException {
      return in.score();
    }

    @Override
    public float getMaxScore(int upTo) throws IOException {
      return in.getMaxScore(upTo);
    }

    @Override
    public int advanceShallow(int target) throws IOException {
      return in.advanceShallow(target);
    }

    @Override
    public void setMinCompetitiveScore(float minScore) throws IOException {
      in.setMinCompetitiveScore(minScore);
    }
  }

  /** Ends the iteration (NO_MORE_DOCS) once the deadline has passed. */
  private final class DeadlineIterator extends DocIdSetIterator {
    private final DocIdSetIterator in;
    private int doc = -1;
    private int calls;

    DeadlineIterator(DocIdSetIterator in) {
      this.in = in;
    }

    private boolean pastDeadline() {
      if (expired.get()) return true;
      if ((calls++ & (CHECK_EVERY - 1)) != 0) return false; // the first call checks too
      if (System.nanoTime() - deadlineNanos > 0) {
        expired.set(true);
        return true;
      }
      return false;
    }

    @Override
    public int docID() {
      return doc;
    }

    @Override
    public int nextDoc() throws IOException {
      return doc = pastDeadline() ? NO_MORE_DOCS : in.nextDoc();
    }

    @Override
    public int advance(int target) throws IOException {
      return doc = pastDeadline() ? NO_MORE_DOCS : in.advance(target);
    }

    @Override
    public long cost() {
      return in.cost();
    }
  }

  @Override
  public void visit(QueryVisitor visitor) {
    in.visit(visitor.getSubVisitor(BooleanClause.Occur.MUST, this));
  }

  @Override
  public String toString(String field) {
    return "deadline(" + in.toString(field) + ")";
  }

  @Override
  public boolean equals(Object o) {
    return this == o; // one request's deadline: never equal to another's, never cached
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
